package org.xmppsfs.upload.mirror;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmppsfs.upload.concurrent.DaemonThreads;

/**
 * Opens remote files for the mirror without becoming a proxy into the internal network.
 *
 * <p>Every URL, the first and each redirect target, is checked before connecting: the scheme ({@code https},
 * or {@code http} when allowed), no user info, and every address the host resolves to must pass the
 * {@link AddressGuard}. Redirects are followed by hand (the HTTP client never follows them), at most
 * {@link MirrorConfig#maxRedirects()} times.
 *
 * <p><b>Residual risk (DNS rebinding):</b> the JDK HTTP client resolves the host again when it connects, and
 * it can neither be given the checked address nor a {@code Host} header that differs from the URL. A host whose
 * DNS answers change between the check and the connection (a very short TTL, hostile DNS) could therefore
 * still reach a refused address. Operators who mirror from untrusted sources should also block private ranges
 * for the service's user at the network level (firewall egress rules).
 */
public final class GuardedFetcher implements Closeable {

    /** Resolves host names; replaceable so tests can decide what a name resolves to. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** An opened response body and what its headers said. Closing it closes the connection. */
    public record Fetch(URI uri, OptionalLong contentLength, Optional<String> contentType, InputStream body)
            implements Closeable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final MirrorConfig config;
    private final AddressGuard guard;
    private final Resolver resolver;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService watchdog;
    private final HttpClient client;

    public GuardedFetcher(MirrorConfig config) {
        this(config, InetAddress::getAllByName);
    }

    public GuardedFetcher(MirrorConfig config, Resolver resolver) {
        this.config = config;
        this.guard = new AddressGuard(config.allowList());
        this.resolver = resolver;
        int instance = INSTANCES.incrementAndGet();
        this.httpExecutor = Executors.newCachedThreadPool(DaemonThreads.numbered("mirror-http-" + instance + "-"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mirror-watchdog-" + instance));
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .executor(httpExecutor)
                .build();
    }

    /**
     * Opens {@code source} for reading, following redirects. The body stream fails with an
     * {@link IOException} when the server stays silent longer than the read timeout.
     */
    public Fetch open(URI source) throws FetchRefusedException, InterruptedException {
        URI current = source;
        for (int hop = 0; ; hop++) {
            check(current);
            HttpResponse<InputStream> response = send(current);
            int status = response.statusCode();
            if (status == 200) {
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                Optional<String> type = response.headers().firstValue("Content-Type");
                return new Fetch(current, length, type, new IdleTimeoutStream(response.body()));
            }
            closeQuietly(response.body());
            if (isRedirect(status)) {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new FetchRefusedException("source redirected (HTTP " + status + ") without a Location"));
                if (hop >= config.maxRedirects()) {
                    throw new FetchRefusedException("source redirected more than " + config.maxRedirects() + " times");
                }
                try {
                    current = current.resolve(new URI(location.trim()));
                } catch (URISyntaxException e) {
                    throw new FetchRefusedException("source redirected to a malformed URL: " + location);
                }
                continue;
            }
            throw new FetchRefusedException("source answered HTTP " + status + " for " + redacted(current));
        }
    }

    /** The checks every URL passes before a connection is made; throws with the reason otherwise. */
    void check(URI uri) throws FetchRefusedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
            throw new FetchRefusedException(config.allowHttp()
                    ? "only http and https sources can be mirrored, not '" + scheme + "'"
                    : "only https sources can be mirrored, not '" + scheme + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchRefusedException("source URLs with user info are refused");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchRefusedException("source URL has no host: " + redacted(uri));
        }
        if (guard.hostAllowed(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(AddressGuard.normalizeHost(host));
        } catch (UnknownHostException e) {
            throw new FetchRefusedException("source host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            throw new FetchRefusedException("source host " + host + " does not resolve");
        }
        // every address must pass: the client may connect to any of them
        for (InetAddress a : addresses) {
            Optional<String> why = guard.refusal(a);
            if (why.isPresent()) {
                throw new FetchRefusedException("source host " + host + " refused: " + why.get());
            }
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws FetchRefusedException, InterruptedException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(config.readTimeout())
                    .header("User-Agent", "xmpp-sfs-mirror")
                    .header("Accept-Encoding", "identity")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new FetchRefusedException("source URL is not usable: " + redacted(uri));
        }
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchRefusedException("connecting to " + uri.getHost() + " timed out");
        } catch (HttpTimeoutException e) {
            throw new FetchRefusedException(uri.getHost() + " sent no response in time");
        } catch (IOException e) {
            throw new FetchRefusedException("fetching from " + uri.getHost() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Scheme, host, port and path only: query strings may carry credentials. */
    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is abandoned anyway
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        httpExecutor.shutdownNow();
    }

    /**
     * Closes the body when it has made no progress for the read timeout, so a stalled server cannot hold a
     * mirror thread forever (the HTTP client has no per-read timeout of its own).
     */
    private final class IdleTimeoutStream extends FilterInputStream {
        /** When the current read began, or 0 between reads: the consumer's own pauses are not the source's silence. */
        private volatile long readingSince;
        private volatile boolean timedOut;
        private final ScheduledFuture<?> check;

        IdleTimeoutStream(InputStream in) {
            super(in);
            long period = Math.max(50, config.readTimeout().toMillis() / 4);
            this.check = watchdog.scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
        }

        private void checkIdle() {
            long since = readingSince;
            if (since != 0 && System.nanoTime() - since > config.readTimeout().toNanos()) {
                timedOut = true;
                closeQuietly(in);
                check.cancel(false);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            readingSince = System.nanoTime();
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                if (timedOut) {
                    throw new InterruptedIOException("source sent nothing for " + config.readTimeout().toSeconds() + " s");
                }
                throw e;
            } finally {
                readingSince = 0;
            }
        }

        @Override
        public void close() throws IOException {
            check.cancel(false);
            super.close();
        }
    }
}
