package org.xmppsfs.component.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

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

    @Test
    void accessPolicy() {
        AccessPolicy p = new AccessPolicy(Set.of("example.org"), Set.of("partner.net"), Set.of("guest@elsewhere.com"));
        assertTrue(p.permits(new JID("alice@example.org/phone")));
        assertTrue(p.permits(new JID("bob@Partner.net")));
        assertTrue(p.permits(new JID("guest@elsewhere.com/x")));
        assertTrue(!p.permits(new JID("mallory@elsewhere.com")));
        assertTrue(!p.permits(new JID("alice@sub.example.org")), "subdomains are other domains");
        assertTrue(!p.permits(new JID("example.org")), "a server JID is not a user");
        assertTrue(p.isLocalService("conference.example.org"));
        assertTrue(!p.isLocalService("conference.evil.org"));
        assertTrue(!p.isLocalService("badexample.org"));
    }
}
