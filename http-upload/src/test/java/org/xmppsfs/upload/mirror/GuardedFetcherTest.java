package org.xmppsfs.upload.mirror;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedFetcherTest {

    private final byte[] body = "mirrored bytes".getBytes(StandardCharsets.UTF_8);
    private final CountDownLatch release = new CountDownLatch(1);
    private final LocalHttp http;

    GuardedFetcherTest() throws IOException {
        http = new LocalHttp()
                .on("/file", e -> LocalHttp.bytes(e, body))
                .on("/to-loopback", e -> LocalHttp.redirect(e, "http://127.0.0.1:" + e.getLocalAddress().getPort() + "/file"))
                .on("/relative", e -> LocalHttp.redirect(e, "/file"))
                .on("/loop", e -> LocalHttp.redirect(e, "/loop"))
                .on("/missing", e -> e.sendResponseHeaders(404, -1))
                .on("/stall", e -> {
                    e.sendResponseHeaders(200, 100);
                    e.getResponseBody().write(new byte[10]);
                    e.getResponseBody().flush();
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @AfterEach
    void close() {
        release.countDown();
        http.close();
    }

    private static MirrorConfig config(String... allow) {
        return MirrorConfig.defaults().withAllowHttp(true).withAllowList(List.of(allow))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    @Test
    void fetchesAnAllowedSource() throws Exception {
        try (GuardedFetcher f = new GuardedFetcher(config("127.0.0.0/8"));
             GuardedFetcher.Fetch fetch = f.open(http.url("127.0.0.1", "/file"))) {
            assertEquals(body.length, fetch.contentLength().getAsLong());
            assertArrayEquals(body, fetch.body().readAllBytes());
        }
    }

    @Test
    void loopbackIsRefusedByDefault() {
        try (GuardedFetcher f = new GuardedFetcher(config())) {
            FetchRefusedException e = assertThrows(FetchRefusedException.class, () -> f.open(http.url("127.0.0.1", "/file")));
            assertTrue(e.getMessage().contains("not public"), e.getMessage());
            assertEquals(0, http.requests.get(), "refused before connecting");
        }
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        try (GuardedFetcher f = new GuardedFetcher(MirrorConfig.defaults().withAllowList(List.of("127.0.0.0/8")))) {
            FetchRefusedException e = assertThrows(FetchRefusedException.class, () -> f.open(http.url("127.0.0.1", "/file")));
            assertTrue(e.getMessage().contains("only https"), e.getMessage());
        }
    }

    @Test
    void everyRedirectIsCheckedAgain() {
        // the host name "localhost" is allowed, the address it redirects to is not
        try (GuardedFetcher f = new GuardedFetcher(config("localhost"))) {
            FetchRefusedException e = assertThrows(FetchRefusedException.class, () -> f.open(http.url("localhost", "/to-loopback")));
            assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("not public"), e.getMessage());
            assertEquals(1, http.requests.get());
        }
    }

    @Test
    void relativeRedirectsAreFollowedUpToTheLimit() throws Exception {
        try (GuardedFetcher f = new GuardedFetcher(config("127.0.0.0/8"));
             GuardedFetcher.Fetch fetch = f.open(http.url("127.0.0.1", "/relative"))) {
            assertArrayEquals(body, fetch.body().readAllBytes());
        }
        try (GuardedFetcher f = new GuardedFetcher(config("127.0.0.0/8").withMaxRedirects(2))) {
            FetchRefusedException e = assertThrows(FetchRefusedException.class, () -> f.open(http.url("127.0.0.1", "/loop")));
            assertTrue(e.getMessage().contains("more than 2"), e.getMessage());
        }
    }

    @Test
    void httpErrorsAndSchemesAreRefusedWithTheReason() {
        try (GuardedFetcher f = new GuardedFetcher(config("127.0.0.0/8"))) {
            FetchRefusedException e = assertThrows(FetchRefusedException.class, () -> f.open(http.url("127.0.0.1", "/missing")));
            assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
            FetchRefusedException ftp = assertThrows(FetchRefusedException.class, () -> f.open(java.net.URI.create("ftp://127.0.0.1/x")));
            assertTrue(ftp.getMessage().contains("'ftp'"), ftp.getMessage());
            FetchRefusedException user = assertThrows(FetchRefusedException.class,
                    () -> f.open(java.net.URI.create("http://user:pw@127.0.0.1/x")));
            assertTrue(user.getMessage().contains("user info"), user.getMessage());
        }
    }

    @Test
    void aStalledBodyFailsAfterTheReadTimeout() throws Exception {
        try (GuardedFetcher f = new GuardedFetcher(config("127.0.0.0/8"));
             GuardedFetcher.Fetch fetch = f.open(http.url("127.0.0.1", "/stall"))) {
            byte[] buffer = new byte[100];
            assertThrows(InterruptedIOException.class, () -> {
                while (fetch.body().read(buffer) >= 0) {
                    // reads the 10 bytes, then waits for the rest until the watchdog closes the stream
                }
            });
        }
    }
}
