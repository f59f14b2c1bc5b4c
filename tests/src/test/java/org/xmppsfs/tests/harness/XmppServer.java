package org.xmppsfs.tests.harness;

import java.nio.file.Path;

/**
 * A real XMPP server process on loopback for the end-to-end tests: users alice and bob, a MUC service, and one
 * external component domain with a secret. Ports are free ports picked at construction.
 */
public interface XmppServer extends AutoCloseable {

    /** "prosody" or "ejabberd". */
    String name();

    /** The users' domain. */
    default String domain() {
        return "localhost";
    }

    /** The external component's domain (listed in the server's disco#items). */
    default String componentDomain() {
        return "upload.localhost";
    }

    /** A second component domain (same secret), for a second service in the same JVM. */
    default String secondComponentDomain() {
        return "upload2.localhost";
    }

    /** The port for {@link #secondComponentDomain()}. */
    default int secondComponentPort() {
        return componentPort();
    }

    /** The secret the server expects from the component. */
    default String componentSecret() {
        return "component-secret";
    }

    default String mucDomain() {
        return "conference.localhost";
    }

    int c2sPort();

    int componentPort();

    /** Where config, data and logs live. */
    Path directory();

    void start() throws Exception;

    void stop();

    /** Stop then start again with the same configuration, ports and data. */
    default void restart() throws Exception {
        stop();
        start();
    }

    /** The server process, while running (to freeze it with SIGSTOP and thaw it with SIGCONT). */
    java.util.Optional<ProcessHandle> process();

    /** Freezes the server (SIGSTOP): its sockets stay open but nothing answers, like a half-open connection. */
    default void freeze() throws Exception {
        signal("STOP");
    }

    /** Thaws a frozen server (SIGCONT). */
    default void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        ProcessHandle p = process().orElseThrow(() -> new IllegalStateException(name() + " is not running"));
        Processes.run(java.time.Duration.ofSeconds(10), directory().resolve("harness.log"), "kill", "-" + name, Long.toString(p.pid()));
    }

    /** The tail of the server's log, for failure messages. */
    String logTail();

    @Override
    default void close() {
        stop();
    }
}
