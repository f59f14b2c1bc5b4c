package org.xmppsfs.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Background work steps aside while transfers run, and only for a bounded time. */
class ForegroundTest {

    private final Foreground foreground = new Foreground();

    @Test
    void anIdleServerDoesNotHoldBackgroundWorkBack() throws Exception {
        long t0 = System.nanoTime();
        foreground.yieldTo(1, TimeUnit.HOURS);
        assertTrue(System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(1));
    }

    @Test
    void backgroundWorkWaitsUntilTheLastTransferEnds() throws Exception {
        foreground.begin();
        foreground.begin();
        CountDownLatch resumed = new CountDownLatch(1);
        Thread background = new Thread(() -> {
            try {
                foreground.yieldTo(1, TimeUnit.HOURS);
                resumed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        background.start();
        foreground.end();
        assertEquals(1, foreground.active());
        assertTrue(background.isAlive(), "one transfer still runs");
        foreground.end();
        assertTrue(resumed.await(30, TimeUnit.SECONDS));
        assertEquals(0, foreground.active());
    }

    @Test
    void aBusyServerDelaysBackgroundWorkOnlyForTheGivenTime() throws Exception {
        foreground.begin();
        long t0 = System.nanoTime();
        foreground.yieldTo(50, TimeUnit.MILLISECONDS);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(50));
        assertEquals(1, foreground.active());
    }
}
