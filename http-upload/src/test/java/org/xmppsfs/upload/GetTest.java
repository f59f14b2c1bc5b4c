package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads: headers clients rely on (CHECKLIST §1.8, clients notes), HEAD, ranges, validators, CORS. */
class GetTest {

    @TempDir
    static Path dir;
    static TestServer t;
    static byte[] body;
    static SlotGrant text;
    static SlotGrant pdf;

    @BeforeAll
    static void upload() throws Exception {
        t = TestServer.start(dir);
        body = TestServer.bytes(10_000, 20);
        text = t.slot("notes ü.txt", body.length, "text/plain");
        assertEquals(201, t.put(text, body, "text/plain").statusCode());
        pdf = t.slot("doc.pdf", body.length, "application/pdf");
        assertEquals(201, t.put(pdf, body, "application/pdf").statusCode());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static String etag() {
        return "\"sha256-" + Base64.getUrlEncoder().withoutPadding().encodeToString(TestServer.sha256(body)) + "\"";
    }

    @Test
    void getSendsLengthTypeValidatorsCachingAndSafetyHeaders() throws Exception {
        HttpResponse<byte[]> r = t.get(text.getUrl());
        assertEquals(200, r.statusCode());
        assertArrayEquals(body, r.body());
        var h = r.headers();
        assertEquals(Optional.of("10000"), h.firstValue("Content-Length"));
        assertEquals(Optional.of("text/plain"), h.firstValue("Content-Type"));
        assertEquals(Optional.of(etag()), h.firstValue("ETag"));
        assertTrue(h.firstValue("Last-Modified").orElseThrow().endsWith(" GMT"));
        assertEquals(Optional.of("bytes"), h.firstValue("Accept-Ranges"));
        assertEquals(Optional.of("nosniff"), h.firstValue("X-Content-Type-Options"));
        assertEquals(Optional.of("default-src 'none'; frame-ancestors 'none'; sandbox"), h.firstValue("Content-Security-Policy"));
        assertEquals(Optional.of("DENY"), h.firstValue("X-Frame-Options"));
        assertEquals(Optional.of("no-referrer"), h.firstValue("Referrer-Policy"));
        assertEquals(Optional.of("public, max-age=31536000, immutable"), h.firstValue("Cache-Control"));
        assertEquals(Optional.of("inline; filename=\"notes _.txt\"; filename*=UTF-8''notes%20%C3%BC.txt"), h.firstValue("Content-Disposition"));
    }

    @Test
    void unsafeTypesAreServedAsAttachments() throws Exception {
        HttpResponse<byte[]> r = t.get(pdf.getUrl());
        assertTrue(r.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment;"));
    }

    @Test
    void headSendsContentLengthAndNoBody() throws Exception {
        HttpResponse<Void> r = t.head(text.getUrl());
        assertEquals(200, r.statusCode());
        assertEquals(Optional.of("10000"), r.headers().firstValue("Content-Length"));
        assertEquals(Optional.of(etag()), r.headers().firstValue("ETag"));
        // Over a raw socket: HEAD must not carry body bytes (the next response on the connection would be corrupt).
        try (Wire raw = new Wire(t.server.port())) {
            raw.send("HEAD " + t.local(text.getUrl()).getRawPath() + " HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /files/none/none HTTP/1.1\r\nHost: x\r\n\r\n");
            Wire.Reply head = raw.read(true);
            assertEquals(200, head.status());
            assertEquals("10000", head.headers().get("content-length"));
            assertEquals(404, raw.read().status());
        }
    }

    @Test
    void largeResponsesComeFromTheSharedMappingByteForByteWholeAndInRanges() throws Exception {
        // 64 KiB or more per response is written from a memory mapping of the blob, less through a buffer
        byte[] big = TestServer.bytes(700_001, 21);
        SlotGrant g = t.slot("big.bin", big.length, "application/octet-stream");
        assertEquals(201, t.put(g, big, "application/octet-stream").statusCode());
        for (int round = 0; round < 2; round++) { // the second round reuses the mapping of the first
            HttpResponse<byte[]> whole = t.get(g.getUrl());
            assertEquals(200, whole.statusCode());
            assertArrayEquals(big, whole.body());
        }
        HttpResponse<byte[]> middle = t.get(g.getUrl(), "Range", "bytes=65536-400000");
        assertEquals(206, middle.statusCode());
        assertEquals(Optional.of("bytes 65536-400000/700001"), middle.headers().firstValue("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(big, 65536, 400001), middle.body());
        HttpResponse<byte[]> tail = t.get(g.getUrl(), "Range", "bytes=-100000");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(big, big.length - 100000, big.length), tail.body());
        HttpResponse<byte[]> small = t.get(g.getUrl(), "Range", "bytes=10-19");
        assertArrayEquals(Arrays.copyOfRange(big, 10, 20), small.body());
    }

    @Test
    void singleSuffixAndOpenEndedRangesGive206WithContentRange() throws Exception {
        HttpResponse<byte[]> single = t.get(text.getUrl(), "Range", "bytes=100-199");
        assertEquals(206, single.statusCode());
        assertEquals(Optional.of("bytes 100-199/10000"), single.headers().firstValue("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(body, 100, 200), single.body());

        HttpResponse<byte[]> suffix = t.get(text.getUrl(), "Range", "bytes=-500");
        assertEquals(206, suffix.statusCode());
        assertEquals(Optional.of("bytes 9500-9999/10000"), suffix.headers().firstValue("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(body, 9500, 10000), suffix.body());

        HttpResponse<byte[]> open = t.get(text.getUrl(), "Range", "bytes=9000-");
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(body, 9000, 10000), open.body());

        HttpResponse<byte[]> clipped = t.get(text.getUrl(), "Range", "bytes=9990-20000");
        assertEquals(Optional.of("bytes 9990-9999/10000"), clipped.headers().firstValue("Content-Range"));
    }

    @Test
    void unsatisfiableRangeIs416WithTheLength() throws Exception {
        HttpResponse<byte[]> r = t.get(text.getUrl(), "Range", "bytes=10000-");
        assertEquals(416, r.statusCode());
        assertEquals(Optional.of("bytes */10000"), r.headers().firstValue("Content-Range"));
    }

    @Test
    void multipleOrInvalidRangesServeTheWholeFile() throws Exception {
        HttpResponse<byte[]> multi = t.get(text.getUrl(), "Range", "bytes=0-1,5-6");
        assertEquals(200, multi.statusCode());
        assertArrayEquals(body, multi.body());
        assertEquals(200, t.get(text.getUrl(), "Range", "bytes=5-1").statusCode());
        assertEquals(200, t.get(text.getUrl(), "Range", "items=0-1").statusCode());
    }

    @Test
    void ifNoneMatchAndIfModifiedSinceGive304() throws Exception {
        HttpResponse<byte[]> r = t.get(text.getUrl(), "If-None-Match", etag());
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals(304, t.get(text.getUrl(), "If-None-Match", "\"other\", W/" + etag()).statusCode());
        assertEquals(200, t.get(text.getUrl(), "If-None-Match", "\"other\"").statusCode());
        String lastModified = t.head(text.getUrl()).headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(304, t.get(text.getUrl(), "If-Modified-Since", lastModified).statusCode());
        assertEquals(200, t.get(text.getUrl(), "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode());
    }

    @Test
    void ifRangeHonoursTheRangeOnlyWhenTheValidatorMatches() throws Exception {
        assertEquals(206, t.get(text.getUrl(), "Range", "bytes=0-9", "If-Range", etag()).statusCode());
        HttpResponse<byte[]> stale = t.get(text.getUrl(), "Range", "bytes=0-9", "If-Range", "\"sha256-old\"");
        assertEquals(200, stale.statusCode());
        assertArrayEquals(body, stale.body());
        String lastModified = t.head(text.getUrl()).headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(206, t.get(text.getUrl(), "Range", "bytes=0-9", "If-Range", lastModified).statusCode());
    }

    @Test
    void anotherFilenameOrUnknownSlotIs404() throws Exception {
        URI wrongName = URI.create(text.getUrl().toString().replace("notes%20%C3%BC.txt", "notes.txt"));
        assertEquals(404, t.get(wrongName).statusCode());
        URI unknown = URI.create(text.getUrl().toString().replace(text.slotId(), "BBBBBBBBBBBBBBBBBBBBBBBB"));
        HttpResponse<byte[]> r = t.get(unknown);
        assertEquals(404, r.statusCode());
        assertEquals(Optional.of("text/plain; charset=utf-8"), r.headers().firstValue("Content-Type"));
    }

    @Test
    void corsPreflightAllowsPutWithAuthorizationAndContentType() throws Exception {
        try (Wire raw = new Wire(t.server.port())) {
            raw.send("OPTIONS " + t.local(text.getUrl()).getRawPath() + " HTTP/1.1\r\nHost: x\r\nOrigin: https://web.example\r\n"
                    + "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: authorization, content-type\r\n\r\n");
            Wire.Reply r = raw.read();
            assertEquals(204, r.status());
            assertEquals("*", r.headers().get("access-control-allow-origin"));
            assertTrue(r.headers().get("access-control-allow-methods").contains("PUT"));
            assertTrue(r.headers().get("access-control-allow-methods").contains("DELETE"));
            assertTrue(r.headers().get("access-control-allow-headers").contains("Authorization"));
            assertTrue(r.headers().get("access-control-allow-headers").contains("Content-Type"));
        }
        try (Wire raw = new Wire(t.server.port())) {
            raw.send("HEAD " + t.local(text.getUrl()).getRawPath() + " HTTP/1.1\r\nHost: x\r\nOrigin: https://web.example\r\n\r\n");
            Wire.Reply r = raw.read(true);
            assertEquals("*", r.headers().get("access-control-allow-origin"));
            for (String exposed : new String[] {"Content-Length", "Content-Range", "ETag", "Location"}) {
                assertTrue(r.headers().get("access-control-expose-headers").contains(exposed), exposed);
            }
        }
    }

    @Test
    void overlongUrisAndHeadersAreRefused() throws Exception {
        URI longUri = t.local("/files/" + "a".repeat(3000) + "/x");
        assertEquals(414, t.http.send(HttpRequest.newBuilder(longUri).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        HttpResponse<Void> bigHeader = t.http.send(HttpRequest.newBuilder(t.local(text.getUrl())).header("X-Big", "b".repeat(9000)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(431, bigHeader.statusCode());
    }

    @Test
    void unsupportedMethodIs405() throws Exception {
        HttpResponse<String> r = t.http.send(HttpRequest.newBuilder(t.local(text.getUrl()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, r.statusCode());
        assertTrue(r.headers().firstValue("Allow").orElseThrow().contains("GET"));
    }
}
