package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0363 v1.2 §Purpose retention (CHECKLIST §1.3) and durability across restarts. */
class ExpiryAndRestartTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void ephemeralFileIsNotServedFromExpireBeforeOnAndTheSweepRemovesIt() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b, clock)) {
            byte[] body = TestServer.bytes(5000, 50);
            Instant expireBefore = clock.instant().plus(Duration.ofHours(1));
            SlotGrant g = t.slot("e.bin", body.length, Optional.empty(), new Purpose.Ephemeral(expireBefore));
            assertEquals(201, t.put(g, body, null).statusCode());
            clock.advance(Duration.ofMinutes(59));
            assertEquals(200, t.get(g.getUrl()).statusCode());
            clock.advance(Duration.ofMinutes(1));
            // Not served even before any sweep ran (XEP-0363: MUST NOT be available after expire-before).
            assertEquals(404, t.get(g.getUrl()).statusCode());
            assertEquals(body.length, t.server.storedBytes());
            t.server.sweepNow();
            assertEquals(0, t.server.storedBytes());
            assertEquals(0, StoreTest.blobFiles(dir));
        }
    }

    @Test
    void messageFilesExpireAfterTheirRetentionWhilePermanentOnesStay() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.retentionMessage(Duration.ofDays(7)), clock)) {
            byte[] m = TestServer.bytes(100, 51);
            byte[] p = TestServer.bytes(100, 52);
            SlotGrant message = t.slot("m.bin", m.length, null);
            SlotGrant permanent = t.slot("p.bin", p.length, Optional.empty(), new Purpose.Permanent());
            assertEquals(201, t.put(message, m, null).statusCode());
            assertEquals(201, t.put(permanent, p, null).statusCode());
            clock.advance(Duration.ofDays(7).minusSeconds(1));
            t.server.sweepNow();
            assertEquals(200, t.get(message.getUrl()).statusCode());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(404, t.get(message.getUrl()).statusCode());
            t.server.sweepNow();
            assertEquals(p.length, t.server.storedBytes());
            clock.advance(Duration.ofDays(3650));
            t.server.sweepNow();
            assertArrayEquals(p, t.get(permanent.getUrl()).body());
        }
    }

    @Test
    void restartKeepsFilesSecretAndExactUsageAndCleansLeftovers() throws Exception {
        byte[] a = TestServer.bytes(30_000, 53);
        byte[] b = TestServer.bytes(20_000, 54);
        SlotGrant ga;
        SlotGrant gb;
        SlotGrant gdup;
        SlotGrant pending;
        long used;
        try (TestServer t = TestServer.start(dir, x -> x, clock)) {
            ga = t.slot("a.bin", a.length, null);
            gb = t.slot("b.bin", b.length, null);
            gdup = t.slot("a-again.bin", a.length, null);
            pending = t.slot("later.bin", b.length, null);
            assertEquals(201, t.put(ga, a, null).statusCode());
            assertEquals(201, t.put(gb, b, null).statusCode());
            assertEquals(201, t.put(gdup, a, null).statusCode());
            used = t.server.storedBytes();
            assertEquals(a.length + b.length, used);
        }
        // Leftovers of a crash: a temp file, and a blob file whose commit never reached the database.
        Path stray = Files.writeString(dir.resolve("tmp").resolve("interrupted.part"), "partial");
        String orphanHex = "ab".repeat(32);
        Path orphan = dir.resolve("blobs").resolve("ab").resolve("ab").resolve(orphanHex);
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "never committed");

        try (TestServer t = TestServer.start(dir, x -> x, clock)) {
            assertFalse(Files.exists(stray));
            assertFalse(Files.exists(orphan));
            assertEquals(used, t.server.storedBytes());
            assertArrayEquals(a, t.get(ga.getUrl()).body());
            assertArrayEquals(b, t.get(gb.getUrl()).body());
            assertArrayEquals(a, t.get(gdup.getUrl()).body());
            assertEquals(2, StoreTest.blobFiles(dir));
            // The slot secret survived: a credential minted before the restart still works.
            assertEquals(201, t.put(pending, b, null).statusCode());
            assertEquals(used, t.server.storedBytes());
        }
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(dir.resolve("slot-secret.key")), "the slot secret is readable by its owner only");
    }

    @Test
    void aBlobFileLostBehindTheServicesBackIsForgottenNotServed() throws Exception {
        byte[] a = TestServer.bytes(1000, 55);
        SlotGrant g;
        String hex;
        try (TestServer t = TestServer.start(dir, x -> x, clock)) {
            g = t.slot("a.bin", a.length, null);
            assertEquals(201, t.put(g, a, null).statusCode());
            hex = org.xmppsfs.model.hash.Hash.of(org.xmppsfs.model.hash.HashAlgorithm.SHA_256, TestServer.sha256(a)).hex();
        }
        Files.delete(dir.resolve("blobs").resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex));
        try (TestServer t = TestServer.start(dir, x -> x, clock)) {
            assertEquals(404, t.get(g.getUrl()).statusCode());
            assertEquals(0, t.server.storedBytes());
        }
    }
}
