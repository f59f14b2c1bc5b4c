package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.upload.mirror.HttpMirror;
import org.xmppsfs.upload.mirror.MirrorConfig;

/**
 * The seam as the component uses it (XEP-0447 §Attaching a source): one real server's file is mirrored into
 * another real server through {@link HttpMirror}, {@link BlobIngest} and {@link BlobIndex}.
 */
class MirrorSeamTest {

    @TempDir
    Path dir;

    @Test
    void aFileServedByOneServerIsMirroredVerifiedAndServedByAnother() throws Exception {
        try (TestServer source = TestServer.start(dir.resolve("source"));
             TestServer target = TestServer.start(dir.resolve("target"))) {
            byte[] body = TestServer.bytes(120_000, 110);
            SlotGrant g = source.slot("photo.jpg", body.length, "image/jpeg");
            assertEquals(201, source.put(g, body, "image/jpeg").statusCode());
            URI from = source.local(g.getUrl());
            Hash sha256 = Hash.of(HashAlgorithm.SHA_256, TestServer.sha256(body));
            Hash blake = Hash.of(HashAlgorithm.BLAKE2B_256, HashAlgorithm.BLAKE2B_256.newDigest().digest());
            MirrorConfig config = MirrorConfig.defaults().withAllowHttp(true).withAllowList(List.of("127.0.0.1/32"));

            try (HttpMirror mirror = new HttpMirror(config, target.server.index(), target.server.ingest())) {
                Outcome<StoredBlob> wrong = mirror.mirror(new MirrorRequest("bob@example.test", from, body.length,
                        List.of(sha256, blake), Optional.of("image/jpeg"), Optional.of("photo.jpg"))).get(30, TimeUnit.SECONDS);
                assertInstanceOf(Outcome.Refused.class, wrong, "a wrong BLAKE2b hash must refuse the file");
                assertEquals(0, target.server.storedBytes());

                Hash sha3 = Hash.of(HashAlgorithm.SHA3_256, MessageDigest.getInstance("SHA3-256").digest(body));
                Outcome<StoredBlob> ok = mirror.mirror(new MirrorRequest("bob@example.test", from, body.length,
                        List.of(sha256, sha3), Optional.of("image/jpeg"), Optional.of("photo.jpg"))).get(30, TimeUnit.SECONDS);
                StoredBlob stored = (StoredBlob) assertInstanceOf(Outcome.Ok.class, ok, ok::toString).value();
                assertTrue(stored.getUrl().toString().startsWith(TestServer.PUBLIC + "/"));
                assertArrayEquals(body, target.get(stored.getUrl()).body());
                assertEquals(body.length, target.server.storedBytes());
                assertEquals(Optional.of(stored.getUrl()), target.server.index().lookup(List.of(sha3)).map(StoredBlob::getUrl));
            }
        }
    }
}
