package org.xmppsfs.upload.service;

import java.util.concurrent.TimeUnit;

/**
 * The transfers in progress (upload bodies being received, downloads being sent), so that background work can
 * leave them the CPU.
 *
 * <p>Background hashing reads a blob in large buffers and calls {@link #yieldTo} before each: while transfers
 * run it waits up to the given time for them to end. On an idle server it runs at full speed; on a busy one it
 * proceeds at a trickle instead of competing with the uploads and downloads it exists to serve. The JVM cannot
 * lower a thread's scheduling priority on Linux, so this is how it steps aside.
 */
public final class Foreground {

    private int active;

    /** A transfer started; pair with {@link #end}. */
    public synchronized void begin() {
        active++;
    }

    public synchronized void end() {
        if (--active <= 0) {
            active = 0;
            notifyAll();
        }
    }

    public synchronized int active() {
        return active;
    }

    /** Waits until no transfer runs, or {@code maxWait} passed; returns at once on an idle server. */
    synchronized void yieldTo(long maxWait, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(maxWait);
        while (active > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
