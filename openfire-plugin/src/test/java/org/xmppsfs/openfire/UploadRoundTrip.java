package org.xmppsfs.openfire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.UploadService;
import org.jivesoftware.smackx.httpfileupload.element.Slot;

/**
 * The XEP-0363 flow a real client runs, end to end: discover the upload service (XEP-0363 §Discovering support),
 * request a slot (§Requesting a slot), PUT the bytes with the slot's headers (§Upload), GET them back and compare
 * SHA-256 digests.
 */
final class UploadRoundTrip {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** What one round trip produced. */
    record Uploaded(String serviceAddress, URI getUrl, byte[] sha256, Long advertisedMaxFileSize) {
    }

    private UploadRoundTrip() {
    }

    static byte[] randomContent(long seed, int size) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    static Uploaded run(XMPPConnection client, String filename, byte[] content) throws Exception {
        HttpFileUploadManager uploads = HttpFileUploadManager.getInstanceFor(client);
        assertTrue(uploads.discoverUploadService(), "no XEP-0363 upload service discovered");
        UploadService service = uploads.getDefaultUploadService();

        Slot slot = uploads.requestSlot(filename, content.length, "application/octet-stream");

        HttpRequest.Builder put = HttpRequest.newBuilder(slot.getPutUrl().toURI())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        for (Map.Entry<String, String> header : slot.getHeaders().entrySet()) {
            put.header(header.getKey(), header.getValue());
        }
        HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), () -> "PUT answered " + stored.statusCode() + ": " + stored.body());

        URI getUrl = slot.getGetUrl().toURI();
        byte[] served = download(getUrl);
        assertArrayEquals(sha256(content), sha256(served), "the served bytes differ from the uploaded ones");
        return new Uploaded(service.getAddress().toString(), getUrl, sha256(served),
                service.hasMaxFileSizeLimit() ? service.getMaxFileSize() : null);
    }

    static byte[] download(URI url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), () -> "GET " + url + " answered " + response.statusCode());
        return response.body();
    }

    static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
