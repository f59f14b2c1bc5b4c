package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0363 §HTTP upload (CHECKLIST §1.7): credentials, slot state, length and type checks on PUT. */
class PutRulesTest {

    @TempDir
    Path dir;
    MutableClock clock;
    TestServer t;

    @BeforeEach
    void start() throws IOException {
        clock = new MutableClock(Instant.now());
        t = TestServer.start(dir, b -> b, clock);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private HttpResponse<String> put(URI uri, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> putChunked(URI uri, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void missingTamperedForeignAndExpiredCredentialsAre403AndLeaveTheSlotUsable() throws Exception {
        byte[] body = TestServer.bytes(1000, 2);
        SlotGrant g = t.slot("a.bin", body.length, "application/octet-stream");
        SlotGrant other = t.slot("b.bin", body.length, "application/octet-stream");
        URI bare = t.bareputUrl(g);

        HttpResponse<String> missing = put(bare, body);
        assertEquals(403, missing.statusCode());
        assertTrue(missing.body().contains("credential is required"), missing.body());

        String bearer = TestServer.bearer(g);
        char last = bearer.charAt(bearer.length() - 2);
        String tampered = bearer.substring(0, bearer.length() - 2) + (last == 'A' ? 'B' : 'A') + bearer.charAt(bearer.length() - 1);
        assertEquals(403, put(bare, body, "Authorization", tampered).statusCode());
        assertEquals(403, put(bare, body, "Authorization", TestServer.bearer(other)).statusCode());
        assertEquals(403, put(bare, body, "Authorization", "Bearer garbage").statusCode());

        HttpResponse<String> ok = put(bare, body, "Authorization", bearer);
        assertEquals(201, ok.statusCode(), ok.body());

        clock.advance(Duration.ofSeconds(301));
        HttpResponse<String> expired = put(t.bareputUrl(other), body, "Authorization", TestServer.bearer(other));
        assertEquals(403, expired.statusCode());
        assertTrue(expired.body().contains("expired"), expired.body());
    }

    @Test
    void credentialInTheQueryParameterIsAcceptedForClientsThatDropHeaders() throws Exception {
        byte[] body = TestServer.bytes(512, 3);
        SlotGrant g = t.slot("q.bin", body.length, null);
        assertTrue(g.putUrl().getRawQuery().startsWith("token="), g.putUrl().toString());
        assertEquals(201, put(t.local(g.putUrl()), body).statusCode());
        assertArrayEquals(body, t.get(g.getUrl()).body());
    }

    @Test
    void secondPutAfterSuccessIs409() throws Exception {
        byte[] body = TestServer.bytes(100, 4);
        SlotGrant g = t.slot("twice.bin", body.length, null);
        assertEquals(201, t.put(g, body, null).statusCode());
        HttpResponse<String> again = t.put(g, body, null);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already"), again.body());
    }

    @Test
    void contentLengthAboveTheSlotSizeIs413AndBelowIs400ThenTheSlotStillWorks() throws Exception {
        byte[] body = TestServer.bytes(1000, 5);
        SlotGrant g = t.slot("len.bin", body.length, null);
        HttpResponse<String> tooLong = t.put(g, TestServer.bytes(1001, 5), null);
        assertEquals(413, tooLong.statusCode(), tooLong.body());
        HttpResponse<String> tooShort = t.put(g, TestServer.bytes(999, 5), null);
        assertEquals(400, tooShort.statusCode(), tooShort.body());
        assertEquals(201, t.put(g, body, null).statusCode());
        assertArrayEquals(body, t.get(g.getUrl()).body());
    }

    @Test
    void chunkedBodyIsAcceptedWhenItsTotalMatchesAndRefusedWhenItOverruns() throws Exception {
        byte[] body = TestServer.bytes(200_000, 6);
        SlotGrant g = t.slot("chunked.bin", body.length, null);
        HttpResponse<String> over = putChunked(t.bareputUrl(g), TestServer.bytes(200_001, 6), "Authorization", TestServer.bearer(g));
        assertEquals(413, over.statusCode(), over.body());
        HttpResponse<String> under = putChunked(t.bareputUrl(g), TestServer.bytes(199_999, 6), "Authorization", TestServer.bearer(g));
        assertEquals(400, under.statusCode(), under.body());
        HttpResponse<String> ok = putChunked(t.bareputUrl(g), body, "Authorization", TestServer.bearer(g));
        assertEquals(201, ok.statusCode(), ok.body());
        assertArrayEquals(body, t.get(g.getUrl()).body());
        assertTempDirEmpty();
    }

    @Test
    void contentTypeDifferentFromTheSlotsIs400AndAMissingOneIsAccepted() throws Exception {
        byte[] body = TestServer.bytes(64, 7);
        SlotGrant g = t.slot("pic.jpg", body.length, "image/jpeg");
        HttpResponse<String> wrong = t.put(g, body, "text/html");
        assertEquals(400, wrong.statusCode());
        assertTrue(wrong.body().contains("Content-Type"), wrong.body());
        assertEquals(201, t.put(g, body, null).statusCode());
        assertEquals("image/jpeg", t.get(g.getUrl()).headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void contentTypeOfThePutIsServedWhenTheSlotNamedNone() throws Exception {
        byte[] body = TestServer.bytes(64, 8);
        SlotGrant g = t.slot("pic.png", body.length, null);
        assertEquals(201, t.put(g, body, "image/png").statusCode());
        assertEquals("image/png", t.get(g.getUrl()).headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void putToAnUnknownSlotOrWithAnotherFilenameIs404() throws Exception {
        byte[] body = TestServer.bytes(10, 9);
        SlotGrant g = t.slot("right.txt", body.length, null);
        URI wrongName = URI.create(t.bareputUrl(g).toString().replace("right.txt", "wrong.txt"));
        assertEquals(404, put(wrongName, body, "Authorization", TestServer.bearer(g)).statusCode());
        URI wrongSlot = URI.create(t.bareputUrl(g).toString().replace(g.slotId(), "AAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(404, put(wrongSlot, body, "Authorization", TestServer.bearer(g)).statusCode());
    }

    @Test
    void clientDisconnectMidBodyLeavesNoFileAndTheSlotStaysUsable() throws Exception {
        byte[] body = TestServer.bytes(100_000, 10);
        SlotGrant g = t.slot("cut.bin", body.length, null);
        try (Wire raw = new Wire(t.server.port())) {
            raw.send("PUT " + t.bareputUrl(g).getRawPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            raw.send(body, 0, 40_000);
            awaitTempFiles(1);
        }
        awaitTempFiles(0);
        assertEquals(404, t.get(g.getUrl()).statusCode());
        assertEquals(0, t.server.storedBytes());
        assertEquals(201, t.put(g, body, null).statusCode());
        assertArrayEquals(body, t.get(g.getUrl()).body());
    }

    @Test
    void aStalledBodyFailsAtTheIdleTimeoutAndLeavesNoTempFile() throws Exception {
        Path other = dir.resolve("idle");
        try (TestServer idle = TestServer.start(other, b -> b.idleTimeout(Duration.ofMillis(500)), clock)) {
            byte[] body = TestServer.bytes(10_000, 12);
            SlotGrant g = idle.slot("stall.bin", body.length, null);
            try (Wire raw = new Wire(idle.server.port())) {
                raw.send("PUT " + idle.bareputUrl(g).getRawPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                raw.send(body, 0, 5_000);
                // The connection stays open but sends nothing more: the server gives up and cleans up on its own.
                awaitTempFiles(other, 1);
                awaitTempFiles(other, 0);
            }
            assertEquals(201, idle.put(g, body, null).statusCode());
        }
    }

    @Test
    void concurrentPutsToOneSlotLetOnlyOneWin() throws Exception {
        byte[] body = TestServer.bytes(100_000, 11);
        SlotGrant g = t.slot("race.bin", body.length, null);
        try (Wire first = new Wire(t.server.port())) {
            first.send("PUT " + t.bareputUrl(g).getRawPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            first.send(body, 0, 50_000);
            awaitTempFiles(1);
            HttpResponse<String> second = t.put(g, body, null);
            assertEquals(409, second.statusCode(), second.body());
            first.send(body, 50_000, 50_000);
            Wire.Reply reply = first.read();
            assertEquals(201, reply.status(), reply.text());
        }
        assertEquals(409, t.put(g, body, null).statusCode());
        assertArrayEquals(body, t.get(g.getUrl()).body());
    }

    private void awaitTempFiles(int count) throws Exception {
        awaitTempFiles(dir, count);
    }

    private static void awaitTempFiles(Path dataDir, int count) throws Exception {
        Path tmp = dataDir.resolve("tmp");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            long n;
            try (Stream<Path> s = Files.list(tmp)) {
                n = s.count();
            }
            if (n == count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " temp file(s), found " + n);
            }
            Thread.sleep(20);
        }
    }

    private void assertTempDirEmpty() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, s.count());
        }
    }
}
