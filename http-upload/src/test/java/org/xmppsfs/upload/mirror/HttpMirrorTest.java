package org.xmppsfs.upload.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.hash.MultiHasher;
import org.xmppsfs.upload.BlobIndex;
import org.xmppsfs.upload.BlobIngest;
import org.xmppsfs.upload.IngestRequest;
import org.xmppsfs.upload.MirrorRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.StoredBlob;

class HttpMirrorTest {

    /**
     * An in-memory store with the {@link BlobIngest} contract (exact size, every supported hash verified before
     * anything is visible) and a {@link BlobIndex} over what it stored.
     */
    static final class MemoryStore implements BlobIngest, BlobIndex {
        final List<StoredBlob> blobs = new CopyOnWriteArrayList<>();

        @Override
        public Outcome<StoredBlob> ingest(InputStream body, IngestRequest request) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            body.transferTo(out);
            byte[] bytes = out.toByteArray();
            if (bytes.length != request.size()) {
                return Outcome.refused(new Refusal.SourceRefused("got " + bytes.length + " bytes, expected " + request.size()));
            }
            Map<HashAlgorithm, Hash> actual = MultiHasher.digest(new java.io.ByteArrayInputStream(bytes), EnumSet.allOf(HashAlgorithm.class));
            for (Hash expected : request.expected()) {
                if (expected.algorithm().isPresent() && !actual.get(expected.algorithm().get()).matches(expected)) {
                    return Outcome.refused(new Refusal.HashMismatch(expected.algo(), expected.algo() + " does not match"));
                }
            }
            StoredBlob blob = new StoredBlob(URI.create("https://files.test/" + blobs.size() + "/" + request.filename()),
                    bytes.length, request.mediaType(), new ArrayList<>(actual.values()));
            blobs.add(blob);
            return Outcome.ok(blob);
        }

        @Override
        public Optional<StoredBlob> lookup(Collection<Hash> hashes) {
            return blobs.stream().filter(b -> hashes.stream().filter(h -> h.algorithm().isPresent()).allMatch(
                    h -> b.hashes().stream().anyMatch(h::matches))).findFirst();
        }
    }

    private final byte[] content = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
    private final MemoryStore store = new MemoryStore();
    private final LocalHttp http;
    private final HttpMirror mirror;

    HttpMirrorTest() throws IOException {
        http = new LocalHttp().on("/fox.txt", e -> LocalHttp.bytes(e, content));
        mirror = new HttpMirror(MirrorConfig.defaults().withAllowHttp(true).withAllowList(List.of("127.0.0.1"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).withMaxSize(1000), store, store);
    }

    @AfterEach
    void close() {
        mirror.close();
        http.close();
    }

    private Hash sha256(byte[] bytes) throws IOException {
        return MultiHasher.digest(new java.io.ByteArrayInputStream(bytes), List.of(HashAlgorithm.SHA_256)).get(HashAlgorithm.SHA_256);
    }

    private Outcome<StoredBlob> run(MirrorRequest r) throws Exception {
        return mirror.mirror(r).get(20, TimeUnit.SECONDS);
    }

    private MirrorRequest request(long size, List<Hash> hashes) {
        return new MirrorRequest("alice@example.org", http.url("127.0.0.1", "/fox.txt"), size, hashes,
                Optional.of("text/plain"), Optional.empty());
    }

    @Test
    void fetchesVerifiesAndStores() throws Exception {
        Outcome<StoredBlob> o = run(request(content.length, List.of(sha256(content))));
        StoredBlob blob = assertInstanceOf(Outcome.Ok.class, o).value() instanceof StoredBlob b ? b : null;
        assertEquals(content.length, blob.size());
        assertTrue(blob.getUrl().toString().endsWith("/fox.txt"), "the source's file name is kept");
        assertEquals(1, http.requests.get());

        Outcome<StoredBlob> again = run(request(content.length, List.of(sha256(content))));
        assertInstanceOf(Outcome.Ok.class, again);
        assertEquals(1, http.requests.get(), "known content is not fetched again");
        assertEquals(1, store.blobs.size());
    }

    @Test
    void aWrongHashIsAMismatchAndNothingIsStored() throws Exception {
        Outcome<StoredBlob> o = run(request(content.length, List.of(sha256("other".getBytes(StandardCharsets.UTF_8)))));
        assertInstanceOf(Refusal.HashMismatch.class, ((Outcome.Refused<StoredBlob>) o).refusal());
        assertTrue(store.blobs.isEmpty());
    }

    @Test
    void sizeDisagreementsAreRefused() throws Exception {
        Outcome<StoredBlob> o = run(request(content.length + 1, List.of(sha256(content))));
        Refusal r = ((Outcome.Refused<StoredBlob>) o).refusal();
        assertInstanceOf(Refusal.SourceRefused.class, r);
        assertTrue(r.text().contains("announced " + content.length), r.text());
        Outcome<StoredBlob> big = run(request(5000, List.of(sha256(content))));
        assertEquals(1000, assertInstanceOf(Refusal.TooLarge.class, ((Outcome.Refused<StoredBlob>) big).refusal()).maxFileSize());
    }

    @Test
    void withoutASupportedHashNothingIsFetched() throws Exception {
        Outcome<StoredBlob> none = run(request(content.length, List.of()));
        assertInstanceOf(Refusal.BadRequest.class, ((Outcome.Refused<StoredBlob>) none).refusal());
        Outcome<StoredBlob> unknown = run(request(content.length, List.of(new Hash("x-crc", new byte[] {1, 2}))));
        assertTrue(((Outcome.Refused<StoredBlob>) unknown).refusal().text().contains("x-crc"));
        assertEquals(0, http.requests.get(), "XEP-0447 §Security: never fetch what cannot be verified");
    }

    @Test
    void refusedSourcesAreSourceRefused() throws Exception {
        MirrorRequest toPrivate = new MirrorRequest("a@b", URI.create("http://10.0.0.1/x"), 5, List.of(sha256(content)),
                Optional.empty(), Optional.empty());
        Refusal r = ((Outcome.Refused<StoredBlob>) run(toPrivate)).refusal();
        assertInstanceOf(Refusal.SourceRefused.class, r);
        assertTrue(r.text().contains("10.0.0.1"), r.text());
    }

    @Test
    void fileNamesNeverBecomePaths() {
        assertEquals("x.png", HttpMirror.filename(new MirrorRequest("a@b", URI.create("https://h/a/b/x.png"), 1, List.of(),
                Optional.empty(), Optional.empty())));
        assertEquals("file", HttpMirror.filename(new MirrorRequest("a@b", URI.create("https://h/dir/"), 1, List.of(),
                Optional.empty(), Optional.empty())));
        assertEquals("_etc_passwd", HttpMirror.filename(new MirrorRequest("a@b", URI.create("https://h/x"), 1, List.of(),
                Optional.empty(), Optional.of("/etc/passwd"))));
    }
}
