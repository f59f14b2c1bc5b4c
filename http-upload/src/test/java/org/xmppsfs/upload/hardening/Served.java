package org.xmppsfs.upload.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.SlotGrant;
import org.xmppsfs.upload.SlotRequest;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.UploadServer;

/**
 * A real {@link UploadServer} on an ephemeral loopback port for the hostile-input tests, driven only through the
 * module's public API. The public URL stands for a reverse proxy; {@link #path(URI)} gives the request target
 * the server itself sees, for raw sockets.
 */
final class Served implements AutoCloseable {

    static final String PUBLIC = "https://upload.example.test/files";
    static final String OWNER = "mallory@example.test";

    final UploadServer server;
    final Path dataDir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Served(UploadServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static UploadConfig.Builder config(Path dataDir) {
        return UploadConfig.defaults(dataDir, URI.create(PUBLIC)).toBuilder().bindAddress("127.0.0.1").port(0);
    }

    static Served start(Path dataDir) throws IOException {
        return start(dataDir, b -> b, Clock.systemUTC());
    }

    static Served start(Path dataDir, UnaryOperator<UploadConfig.Builder> tweak, Clock clock) throws IOException {
        UploadServer s = new UploadServer(tweak.apply(config(dataDir)).build(), clock);
        s.start();
        return new Served(s, dataDir);
    }

    int port() {
        return server.port();
    }

    /** The request target (raw path, and query if any) of a URL the server handed out. */
    static String path(URI publicUri) {
        String s = publicUri.toString();
        if (!s.startsWith(PUBLIC)) {
            throw new IllegalArgumentException("not one of ours: " + s);
        }
        return "/files" + s.substring(PUBLIC.length());
    }

    /** The same URL on the real port. */
    URI local(URI publicUri) {
        return URI.create("http://127.0.0.1:" + port() + path(publicUri));
    }

    /** The PUT target without its token parameter, so a test decides how the credential travels. */
    static String barePutPath(SlotGrant g) {
        return g.putUrl().getRawPath();
    }

    SlotGrant slot(String filename, long size) {
        Outcome<SlotGrant> o = server.slots().requestSlot(new SlotRequest(OWNER, filename, size, Optional.empty(), Purpose.MESSAGE));
        if (o instanceof Outcome.Ok<SlotGrant> ok) {
            return ok.value();
        }
        throw new AssertionError("slot refused: " + ((Outcome.Refused<SlotGrant>) o).refusal());
    }

    static String bearer(SlotGrant g) {
        return g.putHeaders().stream().filter(h -> h.name().equals("Authorization")).findFirst().orElseThrow().value();
    }

    /** A well-behaved PUT with the slot's own headers. */
    HttpResponse<String> put(SlotGrant g, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + g.putUrl().getRawPath()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        g.putHeaders().forEach(h -> b.header(h.name(), h.value()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(URI publicUri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(local(publicUri)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] bytes(int n, long seed) {
        byte[] out = new byte[n];
        new Random(seed).nextBytes(out);
        return out;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
