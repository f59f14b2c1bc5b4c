package org.xmppsfs.upload.storage;

/**
 * Group commit: many threads that each need "everything committed so far is on disk" share one sync.
 *
 * <p>A caller takes a ticket after its own commit and waits until a sync that <em>started</em> after that ticket
 * has finished. If no sync is running, the caller runs one itself, covering every ticket taken until then; callers
 * arriving meanwhile wait for the next one, which again covers all of them. Under load, N concurrent completions
 * cost about two syncs instead of N, and a lone caller pays exactly one.
 */
final class GroupSync {

    /** The sync itself, e.g. a database checkpoint; run by one caller at a time, outside the lock. */
    @FunctionalInterface
    interface Action<E extends Exception> {
        void sync() throws E;
    }

    private long ticketsIssued;
    private long ticketsSynced;
    private boolean syncing;

    /** Returns once everything committed before this call is durable; runs {@code action} if it is this caller's turn. */
    <E extends Exception> void await(Action<E> action) throws E {
        long covered;
        boolean interrupted = false;
        synchronized (this) {
            long ticket = ++ticketsIssued;
            while (ticketsSynced < ticket && syncing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // a durable commit is not abandoned half-way; the flag is restored below
                }
            }
            if (ticketsSynced >= ticket) {
                restore(interrupted);
                return;
            }
            syncing = true;
            covered = ticketsIssued; // every commit that took a ticket so far happened before the sync below starts
        }
        boolean ok = false;
        try {
            action.sync();
            ok = true;
        } finally {
            synchronized (this) {
                syncing = false;
                if (ok) {
                    ticketsSynced = Math.max(ticketsSynced, covered);
                }
                notifyAll();
            }
            restore(interrupted);
        }
    }

    private static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
