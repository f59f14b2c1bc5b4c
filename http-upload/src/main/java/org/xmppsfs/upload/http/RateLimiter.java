package org.xmppsfs.upload.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window rate limit per key (a client address): at most {@code limit} events per window. Memory is bounded
 * by {@link #forgetIdle()}, which drops windows that have ended.
 */
final class RateLimiter {

    private record Window(Instant start, int count) {}

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one event; empty if allowed, else when the key may try again. */
    Optional<Instant> acquire(String key) {
        Instant now = clock.instant();
        Window w = windows.compute(key, (k, old) -> old == null || !now.isBefore(old.start().plus(window))
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() <= limit ? Optional.empty() : Optional.of(w.start().plus(window));
    }

    void forgetIdle() {
        Instant now = clock.instant();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().start().plus(window))) {
                it.remove();
            }
        }
    }
}
