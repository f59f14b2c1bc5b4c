package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/**
 * Slowloris: a client trickling its request head or body one byte at a time, each byte arriving after a pause
 * longer than {@code http.idle-timeout} (1 s here). The server closes the connection; an interrupted body leaves no
 * temp file and the slot stays usable. (A body that stops altogether: PutRulesTest#aStalledBodyFailsAtTheIdleTimeoutAndLeavesNoTempFile.)
 */
class SlowlorisTest {

    private static final int IDLE_MILLIS = 1000;
    /** The gap between trickled bytes: longer than the idle timeout. */
    private static final int GAP_MILLIS = 1500;

    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir, b -> b.idleTimeout(Duration.ofMillis(IDLE_MILLIS)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /**
     * Sends {@code bytes} one at a time, waiting {@link #GAP_MILLIS} for the server to close between bytes.
     * Returns what the server sent before closing, or fails if it never closed.
     */
    private static byte[] trickleUntilClosed(Wire w, byte[] bytes) throws Exception {
        for (byte b : bytes) {
            try {
                w.send(new byte[] {b});
            } catch (java.io.IOException e) {
                return new byte[0]; // the server had already closed; the write hit the reset
            }
            byte[] before = w.awaitClose(GAP_MILLIS);
            if (before != null) {
                return before;
            }
        }
        throw new AssertionError("the server kept the connection open through the whole trickled request");
    }

    @Test
    void aRequestHeadTrickledSlowerThanTheIdleTimeoutIsCutOff() throws Exception {
        byte[] head = "GET /files/aaaaaaaaaaaaaaaaaaaaaaaa/x.bin HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Wire w = new Wire(s.port())) {
            byte[] before = trickleUntilClosed(w, head);
            String text = new String(before, StandardCharsets.ISO_8859_1);
            // Closing silently or with 408 are both fine; never a response to the (incomplete) request.
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 408"), text);
        }
        // Meanwhile the server serves others normally.
        byte[] body = TestServer.bytes(100, 51);
        SlotGrant g = s.slot("ok.bin", body.length);
        assertEquals(201, s.put(g, body).statusCode());
    }

    @Test
    void aBodyTrickledSlowerThanTheIdleTimeoutIsCutOffAndTheSlotStaysUsable() throws Exception {
        byte[] body = TestServer.bytes(1000, 52);
        SlotGrant g = s.slot("slow.bin", body.length);
        try (Wire w = new Wire(s.port())) {
            w.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            byte[] before = trickleUntilClosed(w, body);
            assertNotNull(before);
            String text = new String(before, StandardCharsets.ISO_8859_1);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 4") || text.startsWith("HTTP/1.1 5"), text);
        }
        awaitNoTempFiles();
        assertEquals(404, s.get(g.getUrl()).statusCode());
        assertEquals(0, s.server.storedBytes());
        assertEquals(201, s.put(g, body).statusCode());
        assertArrayEquals(body, s.get(g.getUrl()).body());
    }

    private void awaitNoTempFiles() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                if (tmp.findAny().isEmpty()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the temp file of the cut-off upload was not removed");
            }
            Thread.sleep(20);
        }
    }
}
