package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * RFC 9112 message framing under attack: oversized heads and URIs, broken request lines, bare CRs, conflicting
 * Content-Length values and Content-Length with Transfer-Encoding (request smuggling). Each is refused with the
 * right status, nothing reaches storage, and the slot the hostile request aimed at stays usable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest {

    @TempDir
    static Path dir;
    TestServer s;
    SlotGrant stored;
    byte[] storedBody;

    @BeforeAll
    void start() throws Exception {
        s = TestServer.start(dir);
        storedBody = TestServer.bytes(2000, 21);
        stored = s.slot("kept.bin", storedBody.length);
        assertEquals(201, s.put(stored, storedBody).statusCode());
    }

    @AfterAll
    void stop() {
        s.close();
    }

    private Wire.Reply send(String request) throws Exception {
        return Wire.exchange(s.port(), request);
    }

    @Test
    void requestHeadLargerThanTheLimitIs431() throws Exception {
        String big = "X-Filler: " + "a".repeat(9000) + "\r\n";
        Wire.Reply r = send("GET " + TestServer.path(stored.getUrl()) + " HTTP/1.1\r\nHost: x\r\n" + big + "\r\n");
        assertEquals(431, r.status());
        // Many small headers adding up past the limit, too.
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            many.append("X-H").append(i).append(": ").append("v".repeat(20)).append("\r\n");
        }
        assertEquals(431, send("GET " + TestServer.path(stored.getUrl()) + " HTTP/1.1\r\nHost: x\r\n" + many + "\r\n").status());
    }

    @Test
    void uriLongerThanTheLimitIs414() throws Exception {
        // Above http.max-uri-length (2048) but inside the header limit: the handler's check.
        Wire.Reply r = send("GET /files/" + "a".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(414, r.status(), r.text());
        // Above the whole request-head limit: the parser's check.
        assertEquals(414, send("GET /files/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
        // A long query string counts as well (a token parameter is no way around it).
        assertEquals(414, send("GET " + TestServer.path(stored.getUrl()) + "?token=" + "b".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET\r\n\r\n",
        "GET /files/x HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        "GET /files/x HTTP/1.1\r\n\r\n",
        "GET /files/x HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
        "GET /files/x HTTP/1.1\r\nHost: x\r\n Folded: header\r\n\r\n",
        "GET /files/x HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n",
        "G\u00c9T /files/x HTTP/1.1\r\nHost: x\r\n\r\n",
        "\u0001\u0002\u0003\u0004 / HTTP/1.1\r\n\r\n",
        "GET /files/x HTTP/1.1\r\nHost: x\rX-Injected: y\r\n\r\n",
        "GET /files/x HTTP/1.1\rHost: x\r\n\r\n",
        "GET /files/x\u0000 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /files/x HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n",
    })
    void malformedRequestLinesAndHeadersAre400(String request) throws Exception {
        Wire.Reply r = send(request);
        assertEquals(400, r.status(), () -> describe(request) + " -> " + r.status() + " " + r.text());
    }

    /** HTTP/0.9 (no version) and unknown versions: 505; an HTTP/2 preface-less "HTTP/2.0" line: 426. */
    @ParameterizedTest
    @ValueSource(strings = {"GET /files/x HTTP/9.9\r\nHost: x\r\n\r\n", "GET /files/x HTTP/2.0\r\nHost: x\r\n\r\n",
        "GET /files/x\r\nHost: x\r\n\r\n"})
    void unsupportedHttpVersionIsRefused(String request) throws Exception {
        Wire.Reply r = send(request);
        assertTrue(r.status() == 400 || r.status() == 426 || r.status() == 505, () -> describe(request) + " -> " + r.status());
    }

    /** RFC 9112 §3 lets a server split the request line on any whitespace run; the result is an ordinary lookup. */
    @Test
    void extraWhitespaceInTheRequestLineIsParsedLenientlyAndFindsNothing() throws Exception {
        assertEquals(404, send("GET  /files/x  HTTP/1.1\r\nHost: x\r\n\r\n").status());
        Wire.Reply r = send("GET  " + TestServer.path(stored.getUrl()) + "  HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, r.status());
        assertArrayEquals(storedBody, r.body());
    }

    @Test
    void duplicateContentLengthWithDifferentValuesIs400AndStoresNothing() throws Exception {
        byte[] body = TestServer.bytes(100, 22);
        SlotGrant g = s.slot("dup.bin", body.length);
        Wire.Reply r = putRaw(g, "Content-Length: 100\r\nContent-Length: 50\r\n", body);
        assertEquals(400, r.status(), r.text());
        Wire.Reply folded = putRaw(g, "Content-Length: 100, 50\r\n", body);
        assertEquals(400, folded.status(), folded.text());
        assertUsableAfterwards(g, body);
    }

    @Test
    void contentLengthTogetherWithTransferEncodingIs400() throws Exception {
        byte[] body = TestServer.bytes(100, 23);
        SlotGrant g = s.slot("smuggle.bin", body.length);
        // A front end honouring Content-Length would forward the smuggled request as part of the body.
        String smuggled = "64\r\n" + "z".repeat(100) + "\r\n0\r\n\r\nGET /files/hash/sha-256/AAAA HTTP/1.1\r\nHost: x\r\n\r\n";
        Wire.Reply r = putRaw(g, "Content-Length: 100\r\nTransfer-Encoding: chunked\r\n", smuggled.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(400, r.status(), r.text());
        Wire.Reply teFirst = putRaw(g, "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", smuggled.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(400, teFirst.status(), teFirst.text());
        // A transfer coding the server does not implement must not be stored as if it were the content.
        String chunkedBody = "64\r\n" + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        Wire.Reply unknownCoding = putRaw(g, "Transfer-Encoding: gzip, chunked\r\n", chunkedBody.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(501, unknownCoding.status(), unknownCoding.text());
        assertTrue(unknownCoding.text().contains("gzip"), unknownCoding.text());
        assertUsableAfterwards(g, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "99999999999999999999", "9223372036854775808", "1e3", "0x10", "+100", " ", "100 100"})
    void invalidContentLengthIs400(String value) throws Exception {
        byte[] body = TestServer.bytes(100, 24);
        SlotGrant g = s.slot("len.bin", body.length);
        Wire.Reply r = putRaw(g, "Content-Length: " + value + "\r\n", body);
        assertEquals(400, r.status(), () -> "Content-Length '" + value + "' -> " + r.status() + " " + r.text());
        assertUsableAfterwards(g, body);
    }

    /**
     * Lengths and chunks beyond the slot, on the raw wire (the HttpClient variants: PutRulesTest#contentLengthAboveTheSlotSizeIs413AndBelowIs400ThenTheSlotStillWorks,
     * PutRulesTest#chunkedBodyIsAcceptedWhenItsTotalMatchesAndRefusedWhenItOverruns).
     */
    @Test
    void hugeDeclaredLengthsAndChunksAreRefusedWithoutReadingTheBody() throws Exception {
        byte[] body = TestServer.bytes(100, 25);
        SlotGrant g = s.slot("huge.bin", body.length);
        // Long.MAX_VALUE is a valid Content-Length: refused by size at once, before any body arrives.
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                    + "\r\nContent-Length: 9223372036854775807\r\n\r\n");
            Wire.Reply r = w.read();
            assertEquals(413, r.status(), r.text());
        }
        // One chunk declared far larger than the slot: 413 as soon as the slot's size is passed.
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n40000000\r\n");
            w.send(TestServer.bytes(4096, 26));
            Wire.Reply r = w.read();
            assertEquals(413, r.status(), r.text());
        }
        // A chunk size that overflows any integer type is a framing error.
        String overflow = "ffffffffffffffffffff\r\n" + "a".repeat(10) + "\r\n0\r\n\r\n";
        Wire.Reply r = putRaw(g, "Transfer-Encoding: chunked\r\n", overflow.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(r.status() == 400 || r.status() == 413, "overflowing chunk size -> " + r.status() + " " + r.text());
        String negative = "-10\r\n" + "a".repeat(16) + "\r\n0\r\n\r\n";
        Wire.Reply neg = putRaw(g, "Transfer-Encoding: chunked\r\n", negative.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(400, neg.status(), neg.text());
        assertUsableAfterwards(g, body);
    }

    private Wire.Reply putRaw(SlotGrant g, String framing, byte[] body) throws Exception {
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g) + "\r\n" + framing + "\r\n");
            try {
                w.send(body);
            } catch (java.io.IOException e) {
                // The server may refuse and close before reading the body.
            }
            return w.read();
        }
    }

    private void assertUsableAfterwards(SlotGrant g, byte[] body) throws Exception {
        awaitNoTempFiles();
        assertEquals(404, s.get(g.getUrl()).statusCode());
        assertEquals(201, s.put(g, body).statusCode());
        assertArrayEquals(body, s.get(g.getUrl()).body());
        assertArrayEquals(storedBody, s.get(stored.getUrl()).body());
        assertNotNull(s.server.storedBytes());
    }

    /** The refusal is sent before the temp file is closed and removed, so this waits a moment for it. */
    private static void awaitNoTempFiles() throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                if (tmp.findAny().isEmpty()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a temp file was left behind");
            }
            Thread.sleep(10);
        }
    }

    private static String describe(String request) {
        return request.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }
}
