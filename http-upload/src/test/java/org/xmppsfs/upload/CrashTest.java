package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a server process in the middle of an upload and restarts on its data directory: nothing partial is
 * served, every acknowledged file is intact by hash, and the storage usage is exact.
 */
class CrashTest {

    @TempDir
    Path dir;

    private record Grant(String slotId, String putPath, String authorization, URI getUrl) {}

    private static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final Writer in;
        final int port;

        Child(Path dataDir) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ChildServerMain.class.getName(), dataDir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            port = Integer.parseInt(expect("PORT ")[1]);
        }

        String[] expect(String prefix) throws IOException {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    return line.split(" ");
                }
            }
            throw new IOException("child ended without printing " + prefix);
        }

        Grant slot(String name, long size) throws IOException {
            in.write("SLOT " + name + " " + size + "\n");
            in.flush();
            String[] g = expect("GRANT ");
            return new Grant(g[1], g[2], g[3].replace('+', ' '), URI.create(g[4]));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void killedMidUploadServerRestartsWithAcknowledgedFilesIntactAndNothingPartial() throws Exception {
        List<byte[]> acknowledged = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        Grant interrupted;
        try (Child child = new Child(dir)) {
            for (int i = 0; i < 3; i++) {
                byte[] body = TestServer.bytes(200_000 + i, 60 + i);
                Grant g = child.slot("f" + i + ".bin", body.length);
                try (Wire raw = new Wire(child.port)) {
                    raw.send("PUT " + g.putPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + g.authorization()
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                    raw.send(body, 0, body.length);
                    assertEquals(201, raw.read().status());
                }
                acknowledged.add(body);
                grants.add(g);
            }
            byte[] big = TestServer.bytes(4_000_000, 70);
            interrupted = child.slot("cut.bin", big.length);
            try (Wire raw = new Wire(child.port)) {
                raw.send("PUT " + interrupted.putPath() + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + interrupted.authorization()
                        + "\r\nContent-Length: " + big.length + "\r\n\r\n");
                raw.send(big, 0, 1_500_000);
                awaitTempBytes(dir, 1);

                // While the child holds the database, a second server on the same directory says so clearly.
                UploadServer second = new UploadServer(TestServer.config(dir).build());
                IOException locked = assertThrows(IOException.class, second::start);
                assertTrue(locked.getMessage().contains("metadata.mv.db") && locked.getMessage().contains("locked"), locked.getMessage());

                child.process.destroyForcibly();
                assertTrue(child.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        }

        try (TestServer t = TestServer.start(dir)) {
            try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
                assertEquals(0, tmp.count(), "temp files of the interrupted upload are removed at start");
            }
            long expected = 0;
            for (int i = 0; i < grants.size(); i++) {
                byte[] served = t.get(grants.get(i).getUrl()).body();
                assertArrayEquals(TestServer.sha256(acknowledged.get(i)), TestServer.sha256(served), "file " + i);
                expected += acknowledged.get(i).length;
            }
            assertEquals(404, t.get(interrupted.getUrl()).statusCode());
            assertEquals(expected, t.server.storedBytes());
            assertEquals(3, StoreTest.blobFiles(dir));
            long onDisk;
            try (Stream<Path> s = Files.walk(dir.resolve("blobs"))) {
                onDisk = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            assertEquals(expected, onDisk);
        }
    }

    private static void awaitTempBytes(Path dataDir, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> s = Files.list(dataDir.resolve("tmp"))) {
                if (s.mapToLong(p -> p.toFile().length()).sum() >= atLeast) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child never started writing the upload");
    }
}
