package org.xmppsfs.upload.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Optional;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.SlotRequest;
import org.xmppsfs.upload.TestServer;

/**
 * A full disk, for real: the data directory (with the default embedded metadata database in it) on an 80 MiB
 * tmpfs (a slot is granted only with its size plus a 64 MiB reserve free, so a smaller disk refuses every slot up
 * front), which another writer then fills to within 2.5 MB. An upload that does not fit gets 507 with a short reason, earlier files stay intact, the database keeps
 * working, and after a delete frees space the refused slot takes its upload. Needs root and tmpfs; skipped
 * otherwise.
 */
class DiskFullTest {

    @TempDir
    Path dir;
    Path mount;
    boolean mounted;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a tmpfs; skipped");
        mount = dir.resolve("small");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=80m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        mounted = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(mounted, "cannot mount an 80 MiB tmpfs (" + out.strip() + "); skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            // Downloads are written from memory mappings of the blob files, which the JVM releases only when the
            // garbage collector finds them unused; until then the mount is busy.
            String out = "";
            boolean done = false;
            for (int attempt = 0; attempt < 20 && !done; attempt++) {
                System.gc();
                Process p = new ProcessBuilder("umount", mount.toString()).redirectErrorStream(true).start();
                out = new String(p.getInputStream().readAllBytes());
                done = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
                if (!done) {
                    Thread.sleep(100);
                }
            }
            assertTrue(done, "umount failed: " + out);
        }
    }

    @Test
    void anUploadThatDoesNotFitIs507AndTheServiceRecoversOnceSpaceIsFreed() throws Exception {
        Path data = mount.resolve("data");
        Path filler = mount.resolve("filler");
        byte[] first = TestServer.bytes(1_500_000, 71);
        byte[] tooBig = TestServer.bytes(3_000_000, 72);
        SlotGrant a;
        SlotGrant b;
        try (TestServer s = TestServer.start(data, builder -> builder, Clock.systemUTC())) {
            // Slots are granted while the disk has room (the grant itself wants the file plus a reserve free)…
            a = s.slot("first.bin", first.length);
            b = s.slot("big.bin", tooBig.length);
            // …then something else fills the disk before the uploads arrive.
            fill(filler, Files.getFileStore(mount).getUsableSpace() - 2_500_000);
            assertEquals(201, s.put(a, first).statusCode());

            HttpResponse<String> full = s.put(b, tooBig);
            assertEquals(507, full.statusCode(), full.body());
            assertTrue(full.body().contains("disk is full") && full.body().length() < 200, full.body());
            assertTempDirEmpty(data);
            assertEquals(TestServer.sha256Hex(first), TestServer.sha256Hex(s.get(a.getUrl()).body()), "earlier file intact");
            assertEquals(404, s.get(b.getUrl()).statusCode());
            assertEquals(first.length, s.server.storedBytes());
            // While the disk is full no new slot is granted either (refused up front, not after the upload).
            Outcome<SlotGrant> refused = s.server.slots().requestSlot(
                    new SlotRequest(TestServer.OWNER, "more.bin", 1000, Optional.empty(), Purpose.MESSAGE));
            assertTrue(refused instanceof Outcome.Refused<SlotGrant> r && r.refusal() instanceof Refusal.InsufficientStorage, refused.toString());

            // Free space: the uploader deletes the first file, the operator removes what filled the disk.
            HttpResponse<String> deleted = s.http.send(HttpRequest.newBuilder(s.local(a.getUrl())).DELETE()
                    .header("Authorization", TestServer.bearer(a)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, deleted.statusCode(), deleted.body());
            Files.delete(filler);

            HttpResponse<String> retried = s.put(b, tooBig);
            assertEquals(201, retried.statusCode(), retried.body());
            assertEquals(TestServer.sha256Hex(tooBig), TestServer.sha256Hex(s.get(b.getUrl()).body()));
            assertEquals(tooBig.length, s.server.storedBytes());
        }
        // The metadata database (in the same full directory) survived: a restart sees exactly the same state.
        try (TestServer again = TestServer.start(data)) {
            assertEquals(TestServer.sha256Hex(tooBig), TestServer.sha256Hex(again.get(b.getUrl()).body()));
            assertEquals(404, again.get(a.getUrl()).statusCode());
            assertEquals(tooBig.length, again.server.storedBytes());
        }
    }

    /** Writes real bytes (a tmpfs does not allocate holes) until {@code bytes} are taken. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    private static void assertTempDirEmpty(Path data) throws IOException {
        try (Stream<Path> tmp = Files.list(data.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "the partial temp file is removed");
        }
    }

}
