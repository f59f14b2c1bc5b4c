package org.xmppsfs.upload.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Group commit: every caller returns only after a sync that started after its commit; concurrent callers share syncs. */
class GroupSyncTest {

    private final GroupSync group = new GroupSync();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong durableUpTo = new AtomicLong();
    private final AtomicInteger syncs = new AtomicInteger();

    /** A sync makes durable every commit made before it started. */
    private void sync() {
        long covered = commits.get();
        syncs.incrementAndGet();
        durableUpTo.accumulateAndGet(covered, Math::max);
    }

    @Test
    void aLoneCallerRunsExactlyOneSyncCoveringItsCommit() {
        long mine = commits.incrementAndGet();
        group.await(this::sync);
        assertEquals(1, syncs.get());
        assertTrue(durableUpTo.get() >= mine);
    }

    @Test
    void callersArrivingDuringASyncShareTheNextOne() throws Exception {
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupSync.Action<RuntimeException> slowFirst = () -> {
            if (calls.incrementAndGet() == 1) {
                firstSyncStarted.countDown();
                try {
                    assertTrue(releaseFirstSync.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            sync();
        };
        List<Throwable> failures = new ArrayList<>();
        Runnable caller = () -> {
            long mine = commits.incrementAndGet();
            group.await(slowFirst);
            if (durableUpTo.get() < mine) {
                synchronized (failures) {
                    failures.add(new AssertionError("returned before commit " + mine + " was synced"));
                }
            }
        };
        Thread first = new Thread(caller);
        first.start();
        assertTrue(firstSyncStarted.await(30, TimeUnit.SECONDS));
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Thread t = new Thread(caller);
            others.add(t);
            t.start();
        }
        for (Thread t : others) { // each has committed and is waiting for the running sync to end
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.WAITING, t.getState());
        }
        releaseFirstSync.countDown();
        first.join(30_000);
        for (Thread t : others) {
            t.join(30_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(2, syncs.get(), "the first caller's sync, then one for the 15 that arrived during it");
    }

    @Test
    void aFailedSyncFailsItsCallerAndTheNextCallerSyncsAgain() {
        commits.incrementAndGet();
        assertThrows(IOException.class, () -> group.await(() -> {
            throw new IOException("disk gone");
        }));
        long mine = commits.incrementAndGet();
        group.await(this::sync);
        assertEquals(1, syncs.get());
        assertTrue(durableUpTo.get() >= mine);
    }
}
