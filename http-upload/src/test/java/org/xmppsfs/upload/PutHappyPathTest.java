package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;

/** XEP-0363 §Upload: PUT to the slot, 201, then the GET URL serves exactly those bytes. */
class PutHappyPathTest {

    @TempDir
    Path dir;

    @Test
    void putThenGetReturnsTheSameBytesAndTheStoredSha256IsTheClients() throws Exception {
        try (TestServer t = TestServer.start(dir)) {
            byte[] body = TestServer.bytes(300_000, 1);
            SlotGrant g = t.slot("très cool.jpg", body.length, "image/jpeg");
            assertTrue(g.getUrl().toString().endsWith("/tr%C3%A8s%20cool.jpg"), g.getUrl().toString());
            assertEquals(List.of("Authorization"), g.putHeaders().stream().map(SlotGrant.Header::name).toList());

            HttpResponse<String> put = t.put(g, body, "image/jpeg");
            assertEquals(201, put.statusCode(), put.body());
            assertEquals(Optional.of(g.getUrl().toString()), put.headers().firstValue("Location"));

            HttpResponse<byte[]> get = t.get(g.getUrl());
            assertEquals(200, get.statusCode());
            assertArrayEquals(body, get.body());
            assertEquals("image/jpeg", get.headers().firstValue("Content-Type").orElseThrow());

            Optional<StoredBlob> found = t.server.index().lookup(List.of(Hash.of(HashAlgorithm.SHA_256, TestServer.sha256(body))));
            assertTrue(found.isPresent());
            assertEquals(g.getUrl(), found.get().getUrl());
            assertEquals(body.length, found.get().size());
        }
    }
}
