package org.xmppsfs.upload.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per requester (a JID for slot requests, a client address for MMMSG): {@code perMinute}
 * requests in a burst, refilled continuously at {@code perMinute} per minute. Zero means unlimited. Memory is
 * bounded: idle buckets (full again) are forgotten. Thread-safe.
 */
public final class RateLimiter {

    /** Buckets idle this long are full again and can be forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(2);
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("perMinute must not be negative");
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one token; empty when granted, otherwise the instant when a token will be available. */
    public Optional<Instant> acquire(String requester) {
        if (perMinute == 0) {
            return Optional.empty();
        }
        if (buckets.size() > SWEEP_THRESHOLD) {
            sweep();
        }
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(requester, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            bucket.refill(now, perMinute);
            if (bucket.tokens >= 1.0) {
                bucket.tokens -= 1.0;
                return Optional.empty();
            }
            long waitMillis = (long) Math.ceil((1.0 - bucket.tokens) * 60_000.0 / perMinute);
            return Optional.of(Instant.ofEpochMilli(now + waitMillis));
        }
    }

    /** Forgets buckets idle long enough to be full again; also done automatically past a size threshold. */
    public void sweep() {
        long cutoff = clock.millis() - FORGET_AFTER.toMillis();
        buckets.entrySet().removeIf(e -> e.getValue().last < cutoff);
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.last = now;
        }

        void refill(long now, int perMinute) {
            if (now > last) {
                tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000.0);
                last = now;
            }
        }
    }
}
