package org.xmppsfs.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acrobits MMMSG (CHECKLIST §10.4–10.5): POST for a URL, PUT the bytes without credentials, GET them back. */
class MmmsgTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private HttpResponse<String> post(TestServer t, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(t.local("/mmmsg")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(HttpResponse<String> created) {
        Matcher m = Pattern.compile("\\{\"url\":\"([^\"]+)\"}").matcher(created.body());
        assertTrue(m.matches(), created.body());
        return URI.create(m.group(1));
    }

    @Test
    void postThenAnonymousPutThenGet() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.mmmsgEnabled(true), clock)) {
            byte[] body = TestServer.bytes(4096, 80);
            HttpResponse<String> created = post(t, "{\"contentType\":\"image/jpeg\",\"contentSize\":" + body.length + "}");
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(Optional.of("application/json"), created.headers().firstValue("Content-Type"));
            URI url = url(created);
            assertTrue(url.toString().startsWith(TestServer.PUBLIC + "/") && url.toString().endsWith(".jpg"), url.toString());

            HttpResponse<String> put = t.http.send(HttpRequest.newBuilder(t.local(url)).header("Content-Type", "image/jpeg")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, put.statusCode(), put.body());
            HttpResponse<byte[]> get = t.get(url);
            assertArrayEquals(body, get.body());
            assertEquals(Optional.of("image/jpeg"), get.headers().firstValue("Content-Type"));
            assertEquals(409, t.http.send(HttpRequest.newBuilder(t.local(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void hyphenatedSpellingsAreAcceptedAndTheUrlExpiresForPut() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.mmmsgEnabled(true), clock)) {
            HttpResponse<String> created = post(t, "{\"content-type\": \"video/mp4\", \"content-size\": 10}");
            assertEquals(201, created.statusCode(), created.body());
            clock.advance(Duration.ofHours(1));
            HttpResponse<String> late = t.http.send(HttpRequest.newBuilder(t.local(url(created)))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, late.statusCode(), late.body());
        }
    }

    @Test
    void badRequestsAndLimits() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.mmmsgEnabled(true).maxFileSize(100), clock)) {
            assertEquals(400, post(t, "{\"contentType\":\"image/jpeg\"}").statusCode());
            assertEquals(400, post(t, "not json").statusCode());
            assertEquals(400, post(t, "{\"contentSize\":\"ten\"}").statusCode());
            assertEquals(413, post(t, "{\"contentSize\":101}").statusCode());
            assertEquals(405, t.http.send(HttpRequest.newBuilder(t.local("/mmmsg")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }

    @Test
    void globalStorageCapIs507() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.mmmsgEnabled(true).globalBytes(100), clock)) {
            HttpResponse<String> full = post(t, "{\"contentSize\":101}");
            assertEquals(507, full.statusCode(), full.body());
            assertEquals("the service's storage is full\n", full.body());
        }
    }

    @Test
    void disabledByDefault() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b, clock)) {
            assertEquals(404, post(t, "{\"contentSize\":1}").statusCode());
        }
    }

    @Test
    void rateLimitedPerClientAddressWhichForwardedHeadersSetOnlyFromTrustedProxies() throws Exception {
        try (TestServer t = TestServer.start(dir, b -> b.mmmsgEnabled(true).mmmsgRequestsPerMinute(2), clock)) {
            assertEquals(201, post(t, "{\"contentSize\":1}").statusCode());
            assertEquals(201, post(t, "{\"contentSize\":1}").statusCode());
            HttpResponse<String> limited = post(t, "{\"contentSize\":1}", "X-Forwarded-For", "203.0.113.9");
            assertEquals(429, limited.statusCode(), "an untrusted client cannot dodge the limit with X-Forwarded-For");
            assertTrue(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()) > 0);
            clock.advance(Duration.ofMinutes(1));
            assertEquals(201, post(t, "{\"contentSize\":1}").statusCode());
        }
        try (TestServer t = TestServer.start(dir, b -> b.mmmsgEnabled(true).mmmsgRequestsPerMinute(1)
                .trustedProxies(List.of("127.0.0.0/8")), clock)) {
            assertEquals(201, post(t, "{\"contentSize\":1}", "X-Forwarded-For", "203.0.113.1").statusCode());
            assertEquals(429, post(t, "{\"contentSize\":1}", "X-Forwarded-For", "203.0.113.1").statusCode());
            assertEquals(201, post(t, "{\"contentSize\":1}", "X-Forwarded-For", "203.0.113.2").statusCode());
        }
    }
}
