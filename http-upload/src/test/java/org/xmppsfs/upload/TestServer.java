package org.xmppsfs.upload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A real {@link UploadServer} on an ephemeral loopback port, with helpers to talk to it over real sockets.
 * The configured public URL ({@value #PUBLIC}) stands for a reverse proxy; {@link #local(URI)} maps URLs the
 * server hands out onto the port it actually bound.
 */
final class TestServer implements AutoCloseable {

    static final String PUBLIC = "https://upload.example.test/files";
    static final String OWNER = "alice@example.test";

    final UploadServer server;
    final Path dataDir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(UploadServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static UploadConfig.Builder config(Path dataDir) {
        return UploadConfig.defaults(dataDir, URI.create(PUBLIC)).toBuilder()
                .bindAddress("127.0.0.1").port(0).fsync(true);
    }

    static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, b -> b, Clock.systemUTC());
    }

    static TestServer start(Path dataDir, UnaryOperator<UploadConfig.Builder> tweak, Clock clock) throws IOException {
        UploadServer s = new UploadServer(tweak.apply(config(dataDir)).build(), clock);
        s.start();
        return new TestServer(s, dataDir);
    }

    /** The same URL on the real port. */
    URI local(URI publicUri) {
        String s = publicUri.toString();
        if (!s.startsWith(PUBLIC)) {
            throw new IllegalArgumentException("not one of ours: " + s);
        }
        return URI.create("http://127.0.0.1:" + server.port() + "/files" + s.substring(PUBLIC.length()));
    }

    URI local(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    SlotGrant slot(String filename, long size, String contentType) {
        return slot(filename, size, Optional.ofNullable(contentType), Purpose.MESSAGE);
    }

    SlotGrant slot(String filename, long size, Optional<String> contentType, Purpose purpose) {
        Outcome<SlotGrant> o = server.slots().requestSlot(new SlotRequest(OWNER, filename, size, contentType, purpose));
        if (o instanceof Outcome.Ok<SlotGrant> ok) {
            return ok.value();
        }
        throw new AssertionError("slot refused: " + ((Outcome.Refused<SlotGrant>) o).refusal());
    }

    /** The PUT URL without its token parameter, so a test decides how the credential travels. */
    URI bareputUrl(SlotGrant g) {
        String s = local(g.putUrl()).toString();
        int q = s.indexOf('?');
        return URI.create(q < 0 ? s : s.substring(0, q));
    }

    String bearer(SlotGrant g) {
        return g.putHeaders().stream().filter(h -> h.name().equals("Authorization")).findFirst().orElseThrow().value();
    }

    /** PUT as a well-behaved XEP-0363 client: every slot header, the slot's content type, fixed length. */
    HttpResponse<String> put(SlotGrant g, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(bareputUrl(g)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        g.putHeaders().forEach(h -> b.header(h.name(), h.value()));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(URI publicUri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(local(publicUri)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<Void> head(URI publicUri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(local(publicUri)).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }

    static byte[] bytes(int n, long seed) {
        byte[] out = new byte[n];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
