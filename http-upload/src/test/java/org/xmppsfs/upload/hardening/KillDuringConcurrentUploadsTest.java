package org.xmppsfs.upload.hardening;

import org.xmppsfs.upload.TestServer;
import org.xmppsfs.upload.Wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of 50 concurrent uploads (some with identical content), then a restart on the same data
 * directory: no partial file is ever served, every upload that was acknowledged with 201 is intact by hash, an
 * upload whose 201 was lost in the kill is either wholly there or absent, no temp file survives, and the storage
 * accounting is exact: {@code storedBytes()} is the sum of the distinct contents that are served, and equals the
 * bytes of the blob files on disk. Extends CrashTest (one upload) to concurrency.
 */
class KillDuringConcurrentUploadsTest {

    private static final int UPLOADS = 50;
    /** Uploads {@code i} and {@code i + DISTINCT} carry the same bytes. */
    private static final int DISTINCT = 40;
    /** Every fifth upload stops halfway and waits, so the kill always finds uploads in flight. */
    private static final int STALLED_EVERY = 5;
    private static final int ACKS_BEFORE_KILL = 15;

    @TempDir
    Path dir;

    private record Grant(String putPath, String authorization, String getPath) {}

    private static byte[] content(int i) {
        int k = i % DISTINCT;
        return TestServer.bytes(400_000 + k * 1000, 900 + k);
    }

    @Test
    void killedDuringFiftyConcurrentUploadsRestartsWithExactlyTheAcknowledgedFilesIntact() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashChildMain.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicIntegerArray status = new AtomicIntegerArray(UPLOADS);
        List<Grant> grants = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
        CountDownLatch acks = new CountDownLatch(ACKS_BEFORE_KILL);
        CountDownLatch halfSent = new CountDownLatch(UPLOADS / STALLED_EVERY);
        CountDownLatch killed = new CountDownLatch(1);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            int port = Integer.parseInt(expect(out, "PORT ")[1]);
            for (int i = 0; i < UPLOADS; i++) {
                in.write("SLOT f" + i + ".bin " + content(i).length + "\n");
                in.flush();
                String[] g = expect(out, "GRANT ");
                grants.add(new Grant(g[2], g[3].replace('+', ' '), g[4]));
            }
            for (int i = 0; i < UPLOADS; i++) {
                int n = i;
                boolean stalls = i % STALLED_EVERY == STALLED_EVERY - 1;
                pool.submit(() -> upload(port, grants.get(n), content(n), stalls, status, n, acks, halfSent, killed));
            }
            assertTrue(acks.await(60, TimeUnit.SECONDS), "uploads were not acknowledged");
            assertTrue(halfSent.await(60, TimeUnit.SECONDS), "stalled uploads did not start");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally blocks in the child
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            killed.countDown();
            child.destroyForcibly();
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }

        int acknowledged = 0;
        try (TestServer s = TestServer.start(dir)) {
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                assertEquals(0, tmp.count(), "temp files of interrupted uploads are removed at start");
            }
            Map<String, Integer> servedDistinct = new HashMap<>();
            for (int i = 0; i < UPLOADS; i++) {
                byte[] expected = content(i);
                Wire.Reply r = Wire.exchange(s.port(), "GET " + grants.get(i).getPath() + " HTTP/1.1\r\nHost: x\r\n\r\n");
                if (status.get(i) == 201) {
                    acknowledged++;
                    assertEquals(200, r.status(), "acknowledged upload " + i + " is served");
                }
                if (r.status() == 200) {
                    assertEquals(TestServer.sha256Hex(expected), TestServer.sha256Hex(r.body()), "upload " + i + " is whole (status " + status.get(i) + ")");
                    servedDistinct.put(TestServer.sha256Hex(expected), expected.length);
                } else {
                    assertEquals(404, r.status(), "upload " + i + " is either whole or absent");
                }
            }
            assertTrue(acknowledged >= ACKS_BEFORE_KILL && acknowledged < UPLOADS, "acknowledged " + acknowledged);
            long distinctBytes = servedDistinct.values().stream().mapToLong(Integer::longValue).sum();
            assertEquals(distinctBytes, s.server.storedBytes(), "storage accounting is exact");
            long onDisk;
            try (Stream<Path> blobs = Files.walk(dir.resolve("blobs"))) {
                onDisk = blobs.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            assertEquals(distinctBytes, onDisk, "no orphaned or partial blob file");
        }
    }

    private static Void upload(int port, Grant g, byte[] body, boolean stalls, AtomicIntegerArray status, int index,
                               CountDownLatch acks, CountDownLatch halfSent, CountDownLatch killed) {
        try (Wire w = new Wire(port)) {
            w.send("PUT " + g.putPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + g.authorization()
                    + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            int half = body.length / 2;
            for (int off = 0; off < body.length; off += 16 * 1024) {
                if (stalls && off >= half) {
                    halfSent.countDown();
                    killed.await();
                    return null;
                }
                w.send(body, off, Math.min(16 * 1024, body.length - off));
            }
            int code = w.read().status();
            status.set(index, code);
            if (code == 201) {
                acks.countDown();
            }
        } catch (IOException e) {
            // the server was killed under this upload: it stays unacknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static String[] expect(BufferedReader out, String prefix) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.split(" ");
            }
        }
        throw new IOException("the child server ended without printing " + prefix);
    }
}
