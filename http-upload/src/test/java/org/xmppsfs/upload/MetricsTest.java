package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prometheus text metrics on their own listener; the upload port does not expose them. */
class MetricsTest {

    @TempDir
    Path dir;

    @Test
    void countsUploadsDownloadsRefusalsAndStorage() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.metricsEnabled(true).metricsPort(0).maxFileSize(10_000),
                java.time.Clock.systemUTC())) {
            byte[] body = TestServer.bytes(1234, 90);
            SlotGrant g = t.slot("m.bin", body.length, null);
            assertEquals(201, t.put(g, body, null).statusCode());
            assertEquals(200, t.get(g.getUrl()).statusCode());
            t.server.slots().requestSlot(new SlotRequest(TestServer.OWNER, "big", 10_001, Optional.empty(), Purpose.MESSAGE));

            HttpResponse<String> r = t.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.server.metricsPort() + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
            String text = r.body();
            assertTrue(text.contains("\nxmppsfs_uploads_total 1\n"), text);
            assertTrue(text.contains("\nxmppsfs_upload_bytes_total 1234\n"), text);
            assertTrue(text.contains("\nxmppsfs_downloads_total 1\n"), text);
            assertTrue(text.contains("\nxmppsfs_download_bytes_total 1234\n"), text);
            assertTrue(text.contains("xmppsfs_refusals_total{reason=\"too_large\"} 1\n"), text);
            assertTrue(text.contains("\nxmppsfs_storage_used_bytes 1234\n"), text);
            assertTrue(text.contains("# TYPE xmppsfs_uploads_in_flight gauge"), text);

            assertEquals(404, t.http.send(HttpRequest.newBuilder(t.local("/metrics")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }
}
