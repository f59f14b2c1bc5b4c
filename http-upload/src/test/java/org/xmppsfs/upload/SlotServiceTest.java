package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0363 §Requesting a slot and §Error conditions (CHECKLIST §1.2, §1.3, §1.6): what a slot request may be refused for. */
class SlotServiceTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private TestServer start(UnaryOperator<UploadConfig.Builder> tweak) throws Exception {
        return TestServer.start(dir, tweak, clock);
    }

    private static Outcome<SlotGrant> request(TestServer t, String name, long size, String type, Purpose purpose) {
        return t.server.slots().requestSlot(new SlotRequest(TestServer.OWNER, name, size, Optional.ofNullable(type), purpose));
    }

    private static Refusal refusal(Outcome<SlotGrant> o) {
        return assertInstanceOf(Outcome.Refused.class, o, () -> "expected a refusal, got " + o).refusal();
    }

    @Test
    void badFilenamesAreBadRequests() throws Exception {
        try (TestServer t = start(b -> b)) {
            for (String bad : List.of("", ".", "..", "a/b", "a\\b", "a\u0000b", "a\nb", "x".repeat(256), "é".repeat(128), "gnp\u202Eexe.png")) {
                Refusal r = refusal(request(t, bad, 10, null, Purpose.MESSAGE));
                assertInstanceOf(Refusal.BadRequest.class, r, bad);
                assertTrue(r.text().contains("filename"), r.text());
            }
            assertInstanceOf(Outcome.Ok.class, request(t, "é".repeat(127) + "a", 10, null, Purpose.MESSAGE));
            assertInstanceOf(Outcome.Ok.class, request(t, "..hidden.tar.gz", 10, null, Purpose.MESSAGE));
        }
    }

    @Test
    void sizeMustBePositiveAndWithinTheLimitWhichTheRefusalNames() throws Exception {
        try (TestServer t = start(b -> b.maxFileSize(1000))) {
            assertInstanceOf(Refusal.BadRequest.class, refusal(request(t, "a", 0, null, Purpose.MESSAGE)));
            assertInstanceOf(Refusal.BadRequest.class, refusal(request(t, "a", -5, null, Purpose.MESSAGE)));
            Refusal.TooLarge tooLarge = assertInstanceOf(Refusal.TooLarge.class, refusal(request(t, "a", 1001, null, Purpose.MESSAGE)));
            assertEquals(1000, tooLarge.maxFileSize());
            assertEquals(1000, t.server.slots().maxFileSize());
            assertInstanceOf(Outcome.Ok.class, request(t, "a", 1000, null, Purpose.MESSAGE));
        }
    }

    @Test
    void contentTypeMustBeAMediaTypeAndPassTheAllowAndDenyLists() throws Exception {
        try (TestServer t = start(b -> b.deniedContentTypes(List.of("application/x-msdownload", "text/*")))) {
            assertInstanceOf(Refusal.BadRequest.class, refusal(request(t, "a", 1, "not a type", Purpose.MESSAGE)));
            assertInstanceOf(Refusal.BadRequest.class, refusal(request(t, "a", 1, "image/", Purpose.MESSAGE)));
            assertInstanceOf(Refusal.Forbidden.class, refusal(request(t, "a", 1, "application/x-msdownload", Purpose.MESSAGE)));
            assertInstanceOf(Refusal.Forbidden.class, refusal(request(t, "a", 1, "TEXT/HTML; charset=utf-8", Purpose.MESSAGE)));
            assertInstanceOf(Outcome.Ok.class, request(t, "a", 1, "image/jpeg", Purpose.MESSAGE));
            assertInstanceOf(Outcome.Ok.class, request(t, "a", 1, "application/json; charset=utf-8", Purpose.MESSAGE));
        }
        try (TestServer t = start(b -> b.allowedContentTypes(List.of("image/*")))) {
            assertInstanceOf(Outcome.Ok.class, request(t, "a", 1, "image/png", Purpose.MESSAGE));
            assertInstanceOf(Refusal.Forbidden.class, refusal(request(t, "a", 1, "video/mp4", Purpose.MESSAGE)));
            assertInstanceOf(Refusal.BadRequest.class, refusal(request(t, "a", 1, null, Purpose.MESSAGE)));
        }
    }

    @Test
    void ephemeralWithAPastExpireBeforeIsABadRequest() throws Exception {
        try (TestServer t = start(b -> b)) {
            Refusal r = refusal(request(t, "a", 1, null, new Purpose.Ephemeral(clock.instant().minusSeconds(1))));
            assertInstanceOf(Refusal.BadRequest.class, r);
            assertTrue(r.text().contains("expire-before"), r.text());
            assertInstanceOf(Outcome.Ok.class, request(t, "a", 1, null, new Purpose.Ephemeral(clock.instant().plusSeconds(60))));
        }
    }

    @Test
    void dailyQuotaCountsPendingSlotsUntilTheyExpireAndSaysWhenToRetry() throws Exception {
        try (TestServer t = start(b -> b.userDailyBytes(1000))) {
            Instant first = clock.instant();
            SlotGrant g = ((Outcome.Ok<SlotGrant>) request(t, "a", 600, null, Purpose.MESSAGE)).value();
            clock.advance(Duration.ofSeconds(10));
            Refusal.QuotaExceeded q = assertInstanceOf(Refusal.QuotaExceeded.class, refusal(request(t, "b", 600, null, Purpose.MESSAGE)));
            assertEquals(first.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), q.retryAfter());
            // Another user is not affected.
            assertInstanceOf(Outcome.Ok.class, t.server.slots().requestSlot(new SlotRequest("bob@example.test", "b", 600, Optional.empty(), Purpose.MESSAGE)));
            // The unused slot's reservation ends with its credential (300 s).
            clock.advance(Duration.ofSeconds(300));
            assertTrue(clock.instant().isAfter(g.putExpires()));
            assertInstanceOf(Outcome.Ok.class, request(t, "b", 600, null, Purpose.MESSAGE));
        }
    }

    @Test
    void completedUploadsKeepCountingAgainstTheDailyQuota() throws Exception {
        try (TestServer t = start(b -> b.userDailyBytes(1000))) {
            byte[] body = TestServer.bytes(600, 30);
            SlotGrant g = t.slot("a", body.length, null);
            assertEquals(201, t.put(g, body, null).statusCode());
            clock.advance(Duration.ofHours(1));
            assertInstanceOf(Refusal.QuotaExceeded.class, refusal(request(t, "b", 600, null, Purpose.MESSAGE)));
            clock.advance(Duration.ofHours(23));
            assertInstanceOf(Refusal.QuotaExceeded.class, refusal(request(t, "b", 600, null, Purpose.MESSAGE)));
            clock.advance(Duration.ofSeconds(1));
            assertInstanceOf(Outcome.Ok.class, request(t, "b", 600, null, Purpose.MESSAGE));
        }
    }

    @Test
    void totalQuotaAndGlobalCap() throws Exception {
        try (TestServer t = start(b -> b.userDailyBytes(0).userTotalBytes(1000).globalBytes(1500))) {
            assertInstanceOf(Outcome.Ok.class, request(t, "a", 800, null, Purpose.MESSAGE));
            assertInstanceOf(Refusal.QuotaExceeded.class, refusal(request(t, "b", 300, null, Purpose.MESSAGE)));
            Outcome<SlotGrant> bob = t.server.slots().requestSlot(new SlotRequest("bob@example.test", "b", 800, Optional.empty(), Purpose.MESSAGE));
            assertInstanceOf(Refusal.InsufficientStorage.class, refusal(bob));
        }
    }

    @Test
    void slotIdsAreLongRandomBase64UrlAndUrlsKeepNameAndExtension() throws Exception {
        try (TestServer t = start(b -> b)) {
            SlotGrant a = t.slot("très cool.jpg", 5, "image/jpeg");
            SlotGrant b = t.slot("très cool.jpg", 5, "image/jpeg");
            assertNotEquals(a.slotId(), b.slotId());
            assertTrue(Base64.getUrlDecoder().decode(a.slotId()).length >= 16);
            assertEquals(TestServer.PUBLIC + "/" + a.slotId() + "/tr%C3%A8s%20cool.jpg", a.getUrl().toString());
            assertTrue(a.putUrl().toString().startsWith(a.getUrl() + "?token="));
            assertEquals(clock.instant().plusSeconds(300), a.putExpires());
            assertTrue(a.putHeaders().get(0).value().startsWith("Bearer "));
        }
    }
}
