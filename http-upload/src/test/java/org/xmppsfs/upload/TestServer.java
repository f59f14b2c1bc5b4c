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
 * server hands out onto the port it actually bound, and {@link #path(URI)} gives the request target the server
 * itself sees, for raw sockets. Public for the hostile-input tests in the {@code hardening} package.
 */
public final class TestServer implements AutoCloseable {

    public static final String PUBLIC = "https://upload.example.test/files";
    public static final String OWNER = "alice@example.test";

    public final UploadServer server;
    public final Path dataDir;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(UploadServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static UploadConfig.Builder config(Path dataDir) {
        return UploadConfig.defaults(dataDir, URI.create(PUBLIC)).toBuilder()
                .bindAddress("127.0.0.1").port(0).fsync(true);
    }

    public static TestServer start(Path dataDir) throws IOException {
        return start(dataDir, b -> b, Clock.systemUTC());
    }

    public static TestServer start(Path dataDir, UnaryOperator<UploadConfig.Builder> tweak, Clock clock) throws IOException {
        UploadServer s = new UploadServer(tweak.apply(config(dataDir)).build(), clock);
        s.start();
        return new TestServer(s, dataDir);
    }

    public int port() {
        return server.port();
    }

    /** The request target (raw path, and query if any) of a URL the server handed out. */
    public static String path(URI publicUri) {
        String s = publicUri.toString();
        if (!s.startsWith(PUBLIC)) {
            throw new IllegalArgumentException("not one of ours: " + s);
        }
        return "/files" + s.substring(PUBLIC.length());
    }

    /** The same URL on the real port. */
    public URI local(URI publicUri) {
        return URI.create("http://127.0.0.1:" + port() + path(publicUri));
    }

    URI local(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** A slot for {@link #OWNER} with no content type. */
    public SlotGrant slot(String filename, long size) {
        return slot(filename, size, Optional.empty(), Purpose.MESSAGE);
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

    /** The PUT target without its token parameter, for raw sockets. */
    public static String barePutPath(SlotGrant g) {
        return g.putUrl().getRawPath();
    }

    public static String bearer(SlotGrant g) {
        return g.putHeaders().stream().filter(h -> h.name().equals("Authorization")).findFirst().orElseThrow().value();
    }

    /** PUT with every slot header and no Content-Type. */
    public HttpResponse<String> put(SlotGrant g, byte[] body) throws IOException, InterruptedException {
        return put(g, body, null);
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

    public HttpResponse<byte[]> get(URI publicUri, String... headers) throws IOException, InterruptedException {
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

    public static byte[] bytes(int n, long seed) {
        byte[] out = new byte[n];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return java.util.HexFormat.of().formatHex(sha256(data));
    }

    @Override
    public void close() {
        server.stop();
    }
}
