package org.xmppsfs.openfire;

import java.util.List;

/**
 * Finds the threads of a plugin. A thread inherits its context class loader from the thread that creates it, and the
 * plugin starts its parts (Jetty's pool, the database, background jobs) with its own class loader as context class
 * loader: every thread those parts start, and every thread those threads start, carries it. After the plugin is
 * destroyed, none of them may remain.
 */
final class PluginThreads {

    private static final long JOIN_MILLIS = 15_000;

    private PluginThreads() {
    }

    /** Live threads whose context class loader is {@code pluginLoader}. */
    static List<Thread> of(ClassLoader pluginLoader) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getContextClassLoader() == pluginLoader)
                .toList();
    }

    /** Names of the plugin's threads still alive after letting each one finish (a stopped pool's last loop). */
    static List<String> stillRunning(ClassLoader pluginLoader) throws InterruptedException {
        List<Thread> threads = of(pluginLoader);
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
