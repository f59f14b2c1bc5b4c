package org.xmppsfs.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** The JDK HttpClient, HTTP/1.1 on loopback, the same for every target. Bodies are counted, never kept. */
public final class HttpDriver {

    private final HttpClient client;

    public HttpDriver() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** PUTs {@code body} to the slot; throws unless the server answers 2xx. */
    public void put(UploadUrls urls, BodyPublisher body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(urls.put())
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", UploadSession.CONTENT_TYPE)
                .PUT(body);
        urls.putHeaders().forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("PUT " + urls.put() + " -> " + r.statusCode() + " " + abbreviate(r.body()));
        }
    }

    /** GETs {@code uri}, counting the body; throws unless 200 with {@code expected} bytes. */
    public long get(URI uri, long expected) throws IOException, InterruptedException {
        HttpResponse<Long> r = client.send(request(uri), counting());
        return check(uri, r, expected);
    }

    /** Starts a GET whose future completes with the body's length (checked like {@link #get}). */
    public CompletableFuture<Long> getAsync(URI uri, long expected) {
        // a bounded wait, so a server that stops accepting shows up as failed requests instead of a stalled run
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build();
        return client.sendAsync(request, counting()).thenApply(r -> {
            try {
                return check(uri, r, expected);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** HEAD {@code uri}; returns the status code. */
    public int head(URI uri) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpRequest request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
    }

    private static long check(URI uri, HttpResponse<Long> r, long expected) throws IOException {
        if (r.statusCode() != 200 || r.body() != expected) {
            throw new IOException("GET " + uri + " -> " + r.statusCode() + " with " + r.body() + " bytes, expected " + expected);
        }
        return r.body();
    }

    private static HttpResponse.BodyHandler<Long> counting() {
        return info -> HttpResponse.BodySubscribers.fromSubscriber(new ByteCounter(), ByteCounter::total);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Counts body bytes as they arrive and drops them. */
    static final class ByteCounter implements Flow.Subscriber<List<ByteBuffer>> {
        private long total;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer b : item) {
                total += b.remaining();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the response future fails with this error; nothing to add
        }

        @Override
        public void onComplete() {
            // total is read through the finisher once the body is done
        }

        long total() {
            return total;
        }
    }
}
