package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;

/** A file is visible only once complete: while its PUT body is still arriving, GET, HEAD and the hash lookup say 404. */
class InProgressUploadTest {

    @TempDir
    Path dir;

    @Test
    void anUploadInProgressIs404UntilItsPutIsAcknowledged() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(300_000, 41);
            SlotGrant g = s.slot("half.bin", body.length);
            String hashPath = "/files/hash/sha-256/" + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(HexFormat.of().parseHex(TestServer.sha256Hex(body)));
            try (Wire put = new Wire(s.port())) {
                put.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                put.send(body, 0, body.length / 2);
                awaitTempBytes(s.dataDir, body.length / 2);

                Wire.Reply get = Wire.exchange(s.port(), "GET " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals(404, get.status(), "no partial content while the body streams in");
                assertEquals(404, Wire.exchange(s.port(), "HEAD " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
                assertEquals(404, Wire.exchange(s.port(), "GET " + TestServer.path(g.getUrl())
                        + " HTTP/1.1\r\nHost: x\r\nRange: bytes=0-99\r\n\r\n").status());
                assertEquals(404, Wire.exchange(s.port(), "GET " + hashPath + " HTTP/1.1\r\nHost: x\r\n\r\n").status());

                put.send(body, body.length / 2, body.length - body.length / 2);
                assertEquals(201, put.read().status());
            }
            Wire.Reply done = Wire.exchange(s.port(), "GET " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, done.status());
            assertArrayEquals(body, done.body());
            assertArrayEquals(body, Wire.exchange(s.port(), "GET " + hashPath + " HTTP/1.1\r\nHost: x\r\n\r\n").body());
        }
    }

    @Test
    void deletingASlotWhileItsBodyStreamsInLeavesNothingStored() throws Exception {
        try (TestServer s = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(300_000, 42);
            SlotGrant g = s.slot("cancelled.bin", body.length);
            try (Wire put = new Wire(s.port())) {
                put.send("PUT " + TestServer.barePutPath(g) + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + TestServer.bearer(g)
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                put.send(body, 0, body.length / 2);
                awaitTempBytes(s.dataDir, body.length / 2);
                Wire.Reply deleted = Wire.exchange(s.port(), "DELETE " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                        + TestServer.bearer(g) + "\r\n\r\n");
                assertEquals(204, deleted.status(), deleted.text());
                put.send(body, body.length / 2, body.length - body.length / 2);
                Wire.Reply finished = put.read();
                assertTrue(finished.status() == 404 || finished.status() == 409 || finished.status() == 410,
                        "the upload to a deleted slot is refused: " + finished.status() + " " + finished.text());
            }
            assertEquals(404, Wire.exchange(s.port(), "GET " + TestServer.path(g.getUrl()) + " HTTP/1.1\r\nHost: x\r\n\r\n").status());
            assertEquals(0, s.server.storedBytes(), "nothing stored for a deleted slot");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                long blobs;
                long temps;
                try (Stream<Path> b = Files.walk(s.dataDir.resolve("blobs")); Stream<Path> t = Files.list(s.dataDir.resolve("tmp"))) {
                    blobs = b.filter(Files::isRegularFile).count();
                    temps = t.count();
                }
                if (blobs == 0 && temps == 0) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "left behind: " + blobs + " blob file(s), " + temps + " temp file(s)");
                Thread.sleep(10);
            }
        }
    }

    static void awaitTempBytes(Path dataDir, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dataDir.resolve("tmp"))) {
                if (files.mapToLong(p -> p.toFile().length()).sum() >= atLeast) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server never wrote " + atLeast + " bytes of the upload");
    }
}
