package org.xmppsfs.tests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for conditions that become true asynchronously (a deadline, never a fixed sleep as an assertion). */
public final class Waits {
    private Waits() {}

    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
