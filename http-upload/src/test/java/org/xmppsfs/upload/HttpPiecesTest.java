package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.xmppsfs.model.MediaType;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xmppsfs.upload.http.HttpRefusals;
import org.xmppsfs.upload.slot.SlotRules;
import org.xmppsfs.upload.slot.SlotUrls;

/** Pure pieces: the refusal-to-status table, RFC 3986 path segments, media type rules. */
class HttpPiecesTest {

    @Test
    void everyRefusalKindHasItsStatus() {
        assertEquals(413, HttpRefusals.status(new Refusal.TooLarge(1, "x")));
        assertEquals(429, HttpRefusals.status(new Refusal.QuotaExceeded(java.time.Instant.EPOCH, "x")));
        assertEquals(429, HttpRefusals.status(new Refusal.RateLimited(java.time.Instant.EPOCH, "x")));
        assertEquals(403, HttpRefusals.status(new Refusal.Forbidden("x")));
        assertEquals(400, HttpRefusals.status(new Refusal.BadRequest("x")));
        assertEquals(404, HttpRefusals.status(new Refusal.NotFound("x")));
        assertEquals(409, HttpRefusals.status(new Refusal.Conflict("x")));
        assertEquals(507, HttpRefusals.status(new Refusal.InsufficientStorage("x")));
        assertEquals(400, HttpRefusals.status(new Refusal.HashMismatch("sha-256", "x")));
        assertEquals(502, HttpRefusals.status(new Refusal.SourceRefused("x")));
        assertEquals(500, HttpRefusals.status(new Refusal.Internal("x")));
    }

    @Test
    void segmentsArePercentEncodedPerRfc3986AndDecodeBack() {
        assertEquals("tr%C3%A8s%20cool.jpg", SlotUrls.encodeSegment("très cool.jpg"));
        assertEquals("a%2Bb%25c%3F%23%2F~_-.", SlotUrls.encodeSegment("a+b%c?#/~_-."));
        assertEquals("%F0%9F%98%80.png", SlotUrls.encodeSegment("😀.png"));
        for (String s : new String[] {"très cool.jpg", "a+b%c?#", "😀.png", "日本語.txt"}) {
            assertEquals(Optional.of(s), SlotUrls.decodeSegment(SlotUrls.encodeSegment(s)));
        }
        assertEquals(Optional.of("a+b"), SlotUrls.decodeSegment("a+b"));
        assertEquals(Optional.empty(), SlotUrls.decodeSegment("%zz"));
        assertEquals(Optional.empty(), SlotUrls.decodeSegment("%C3"));
    }

    @Test
    void mediaTypeRules() {
        assertTrue(MediaType.parse("text/plain; charset=\"utf-8\"").isPresent());
        assertTrue(SlotRules.isInlineSafe(MediaType.of("image/png")));
        assertFalse(SlotRules.isInlineSafe(MediaType.of("image/svg+xml")));
        assertFalse(SlotRules.isInlineSafe(MediaType.of("text/html")));
    }
}
