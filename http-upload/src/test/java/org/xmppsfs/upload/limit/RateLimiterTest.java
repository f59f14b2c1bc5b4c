package org.xmppsfs.upload.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void burstThenRefusalWithRetryTimeThenRefill() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(3, clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("alice@example.org").isEmpty());
        }
        Optional<Instant> retry = limiter.acquire("alice@example.org");
        assertEquals(Optional.of(clock.now.plusSeconds(20)), retry, "one token per 20 s at 3/min");
        assertTrue(limiter.acquire("bob@example.org").isEmpty(), "buckets are per requester");
        clock.now = clock.now.plus(Duration.ofSeconds(20));
        assertTrue(limiter.acquire("alice@example.org").isEmpty());
    }

    @Test
    void zeroMeansUnlimited() {
        RateLimiter limiter = new RateLimiter(0, new ManualClock());
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.acquire("a@b").isEmpty());
        }
    }
}
