package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import org.xmppsfs.model.MediaType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;

/** Content addressing: dedup, delete with reference counts, XEP-0300 hash lookups, the mirror's ingest path. */
class StoreTest {

    @TempDir
    Path dir;

    static long blobFiles(Path dataDir) throws Exception {
        try (Stream<Path> s = Files.walk(dataDir.resolve("blobs"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    static long tempFiles(Path dataDir) throws Exception {
        try (Stream<Path> s = Files.list(dataDir.resolve("tmp"))) {
            return s.count();
        }
    }

    private HttpResponse<String> delete(TestServer t, SlotGrant g, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(t.local(g.getUrl())).DELETE();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sameBytesInTwoSlotsAreStoredOnceAndServedUnderBothUrlsThenDeletedByReferenceCount() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.adminToken(Optional.of("admin-token-0123456789")), java.time.Clock.systemUTC())) {
            byte[] body = TestServer.bytes(50_000, 40);
            SlotGrant a = t.slot("a.bin", body.length, null);
            SlotGrant b = t.slot("b.bin", body.length, null);
            assertEquals(201, t.put(a, body, null).statusCode());
            assertEquals(201, t.put(b, body, null).statusCode());
            assertEquals(1, blobFiles(dir));
            assertEquals(body.length, t.server.storedBytes());
            assertArrayEquals(body, t.get(a.getUrl()).body());
            assertArrayEquals(body, t.get(b.getUrl()).body());

            assertEquals(403, delete(t, a, null).statusCode());
            assertEquals(403, delete(t, a, TestServer.bearer(b)).statusCode());
            assertEquals(204, delete(t, a, TestServer.bearer(a)).statusCode());
            assertEquals(404, t.get(a.getUrl()).statusCode());
            assertArrayEquals(body, t.get(b.getUrl()).body());
            assertEquals(1, blobFiles(dir));
            assertEquals(404, delete(t, a, TestServer.bearer(a)).statusCode());

            assertEquals(204, delete(t, b, "Bearer admin-token-0123456789").statusCode());
            assertEquals(404, t.get(b.getUrl()).statusCode());
            assertEquals(0, blobFiles(dir));
            assertEquals(0, t.server.storedBytes());
        }
    }

    @Test
    void deletingAPendingSlotReleasesItsReservation() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.userDailyBytes(1000), java.time.Clock.systemUTC())) {
            SlotGrant a = t.slot("a.bin", 800, null);
            assertInstanceOf(Outcome.Refused.class, t.server.slots().requestSlot(
                    new SlotRequest(TestServer.OWNER, "b", 800, Optional.empty(), Purpose.MESSAGE)));
            assertEquals(204, delete(t, a, TestServer.bearer(a)).statusCode());
            t.slot("b.bin", 800, null);
        }
    }

    @Test
    void hashLookupServesByAnySupportedAlgorithmComputingMissingOnesOnDemand() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.backgroundAlgorithms(Set.of()), java.time.Clock.systemUTC())) {
            byte[] body = TestServer.bytes(70_000, 41);
            SlotGrant g = t.slot("h.bin", body.length, "application/zip");
            assertEquals(201, t.put(g, body, "application/zip").statusCode());
            Hash sha256 = Hash.of(HashAlgorithm.SHA_256, TestServer.sha256(body));
            Hash sha3 = Hash.of(HashAlgorithm.SHA3_256, MessageDigest.getInstance("SHA3-256").digest(body));

            HttpResponse<byte[]> bySha256 = t.http.send(HttpRequest.newBuilder(t.local("/files/hash/sha-256/" + sha256.base64Url())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, bySha256.statusCode());
            assertArrayEquals(body, bySha256.body());
            assertEquals(Optional.of("application/zip"), bySha256.headers().firstValue("Content-Type"));

            HttpResponse<byte[]> bySha3 = t.http.send(HttpRequest.newBuilder(t.local("/files/hash/sha3-256/" + sha3.base64Url())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, bySha3.statusCode());
            assertArrayEquals(body, bySha3.body());

            Hash other = Hash.of(HashAlgorithm.SHA3_256, MessageDigest.getInstance("SHA3-256").digest(new byte[] {1}));
            assertEquals(404, t.http.send(HttpRequest.newBuilder(t.local("/files/hash/sha3-256/" + other.base64Url())).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, t.http.send(HttpRequest.newBuilder(t.local("/files/hash/md5/AAAA")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());

            // BlobIndex: every supported hash must match; unknown algorithms are ignored.
            Optional<StoredBlob> found = t.server.index().lookup(List.of(sha256, sha3, new Hash("x-unknown", new byte[] {9})));
            assertTrue(found.isPresent());
            assertEquals(g.getUrl(), found.get().getUrl());
            assertEquals(Optional.of(MediaType.of("application/zip")), found.get().mediaType());
            assertTrue(found.get().hashes().stream().anyMatch(h -> h.matches(sha3)));
            Hash blake = Hash.of(HashAlgorithm.BLAKE2B_256, new byte[32]);
            assertTrue(t.server.index().lookup(List.of(sha256, blake)).isEmpty());
            assertTrue(t.server.index().lookup(List.of(new Hash("x-unknown", new byte[] {9}))).isEmpty());
        }
    }

    @Test
    void smallFilesHaveEveryDefaultHashTheMomentTheUploadIsAcknowledged() throws Exception {
        try (TestServer t = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(30_000, 44);
            SlotGrant g = t.slot("small.bin", body.length, null);
            assertEquals(201, t.put(g, body, null).statusCode());
            Hash sha256 = Hash.of(HashAlgorithm.SHA_256, TestServer.sha256(body));
            Hash sha3 = Hash.of(HashAlgorithm.SHA3_256, MessageDigest.getInstance("SHA3-256").digest(body));
            List<Hash> known = t.server.index().lookup(List.of(sha256)).orElseThrow().hashes();
            assertEquals(Set.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_512, HashAlgorithm.SHA3_256, HashAlgorithm.BLAKE2B_256),
                    known.stream().map(h -> h.algorithm().orElseThrow()).collect(java.util.stream.Collectors.toSet()));
            assertTrue(known.stream().anyMatch(h -> h.matches(sha3)));
        }
    }

    @Test
    void backgroundAlgorithmsAreComputedAfterTheUploadIsAcknowledged() throws Exception {
        try (TestServer t = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(600_000, 43); // above the size whose hashes are all computed inline
            SlotGrant g = t.slot("bg.bin", body.length, null);
            assertEquals(201, t.put(g, body, null).statusCode());
            Hash sha256 = Hash.of(HashAlgorithm.SHA_256, TestServer.sha256(body));
            Hash sha512 = Hash.of(HashAlgorithm.SHA_512, MessageDigest.getInstance("SHA-512").digest(body));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            List<Hash> known;
            do {
                Thread.sleep(20);
                known = t.server.index().lookup(List.of(sha256)).orElseThrow().hashes();
            } while (known.size() < 4 && System.nanoTime() < deadline);
            assertEquals(Set.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_512, HashAlgorithm.SHA3_256, HashAlgorithm.BLAKE2B_256),
                    known.stream().map(h -> h.algorithm().orElseThrow()).collect(java.util.stream.Collectors.toSet()));
            assertTrue(known.stream().anyMatch(h -> h.matches(sha512)));
        }
    }

    @Test
    void ingestStoresVerifiedBytesAndRefusesMismatchesLeavingNothing() throws Exception {
        try (TestServer t = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(90_000, 42);
            Hash sha256 = Hash.of(HashAlgorithm.SHA_256, TestServer.sha256(body));
            Hash sha3 = Hash.of(HashAlgorithm.SHA3_256, MessageDigest.getInstance("SHA3-256").digest(body));
            Hash wrongSha3 = Hash.of(HashAlgorithm.SHA3_256, new byte[32]);

            Outcome<StoredBlob> mismatch = t.server.ingest().ingest(new ByteArrayInputStream(body),
                    new IngestRequest(TestServer.OWNER, "m.bin", body.length, Optional.empty(), List.of(sha256, wrongSha3), Purpose.MESSAGE));
            Refusal.HashMismatch hm = assertInstanceOf(Refusal.HashMismatch.class, ((Outcome.Refused<StoredBlob>) mismatch).refusal());
            assertEquals("sha3-256", hm.algo());
            assertEquals(0, blobFiles(dir));
            assertEquals(0, tempFiles(dir));
            assertEquals(0, t.server.storedBytes());
            assertTrue(t.server.index().lookup(List.of(sha256)).isEmpty());

            Outcome<StoredBlob> shortSource = t.server.ingest().ingest(new ByteArrayInputStream(body, 0, 10),
                    new IngestRequest(TestServer.OWNER, "m.bin", body.length, Optional.empty(), List.of(sha256), Purpose.MESSAGE));
            assertInstanceOf(Refusal.SourceRefused.class, ((Outcome.Refused<StoredBlob>) shortSource).refusal());
            Outcome<StoredBlob> longSource = t.server.ingest().ingest(new ByteArrayInputStream(body),
                    new IngestRequest(TestServer.OWNER, "m.bin", body.length - 1, Optional.empty(), List.of(), Purpose.MESSAGE));
            assertInstanceOf(Refusal.SourceRefused.class, ((Outcome.Refused<StoredBlob>) longSource).refusal());
            assertEquals(0, tempFiles(dir));

            Outcome<StoredBlob> ok = t.server.ingest().ingest(new ByteArrayInputStream(body),
                    new IngestRequest(TestServer.OWNER, "mirrored file.bin", body.length, Optional.of(MediaType.of("image/webp")), List.of(sha256, sha3), Purpose.MESSAGE));
            StoredBlob stored = ((Outcome.Ok<StoredBlob>) ok).value();
            assertTrue(stored.getUrl().toString().endsWith("/mirrored%20file.bin"));
            assertEquals(body.length, stored.size());
            HttpResponse<byte[]> get = t.get(stored.getUrl());
            assertArrayEquals(body, get.body());
            assertEquals(Optional.of("image/webp"), get.headers().firstValue("Content-Type"));
            assertEquals(Optional.of(stored.getUrl()), t.server.index().lookup(List.of(sha3)).map(StoredBlob::getUrl));
            URI none = URI.create(stored.getUrl().toString() + "x");
            assertEquals(404, t.get(none).statusCode());
        }
    }
}
