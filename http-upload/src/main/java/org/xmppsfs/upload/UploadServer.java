package org.xmppsfs.upload;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.upload.concurrent.DaemonThreads;
import org.xmppsfs.upload.http.ConnectorRouter;
import org.xmppsfs.upload.http.HttpServerParts;
import org.xmppsfs.upload.http.MetricsHandler;
import org.xmppsfs.upload.http.PemKeyStore;
import org.xmppsfs.upload.http.UploadHandler;
import org.xmppsfs.upload.metrics.UploadMetrics;
import org.xmppsfs.upload.service.BlobCatalog;
import org.xmppsfs.upload.service.DefaultSlotService;
import org.xmppsfs.upload.service.Retention;
import org.xmppsfs.upload.slot.SlotCredentials;
import org.xmppsfs.upload.slot.SlotUrls;
import org.xmppsfs.upload.storage.FileBlobStore;
import org.xmppsfs.upload.storage.JdbcMetadataStore;
import org.xmppsfs.upload.storage.MetadataStore;

/**
 * The HTTP blob service as one lifecycle object: storage, metadata, slot service, Jetty, background jobs.
 *
 * <p>{@link #start()} opens (and migrates) the metadata database, removes temp files of interrupted uploads,
 * reconciles blob files with their rows, then binds Jetty. {@link #stop()} stops everything it started and
 * leaves no thread behind, so several servers can run in one JVM and a host (the Openfire plugin) can reload
 * it. Nothing here is static.
 */
public final class UploadServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UploadServer.class);
    private static final int IO_BUFFER = 64 * 1024;
    private static final int ACCEPT_QUEUE = 1024;

    private final UploadConfig config;
    private final Clock clock;

    private MetadataStore meta;
    private FileBlobStore blobStore;
    private BlobCatalog catalog;
    private DefaultSlotService slotService;
    private UploadMetrics metrics;
    private UploadHandler uploadHandler;
    private Server jetty;
    private ServerConnector httpConnector;
    private ServerConnector metricsConnector;
    private ScheduledExecutorService expiry;
    private volatile boolean running;

    /**
     * @throws IllegalArgumentException listing every problem {@link UploadConfig#validate()} found
     */
    public UploadServer(UploadConfig config) {
        this(config, Clock.systemUTC());
    }

    /** As {@link #UploadServer(UploadConfig)}, with the clock that decides expiry (tests move it). */
    public UploadServer(UploadConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid upload configuration:\n  " + String.join("\n  ", errors));
        }
    }

    /**
     * Opens storage and metadata, binds the HTTP (and metrics) listeners and schedules expiry. Call once.
     *
     * @throws IOException naming the file or port at fault (database locked by another process, port in use, …);
     *                     everything already started is stopped again
     */
    public synchronized void start() throws IOException {
        if (running || jetty != null) {
            throw new IllegalStateException("already started");
        }
        try {
            startParts();
            running = true;
            LOG.info("Upload service listening on {}:{} as {}", config.bindAddress(), port(), config.publicUrl());
            if (!"https".equalsIgnoreCase(config.publicUrl().getScheme())) {
                LOG.warn("http.public-url {} is not https: XEP-0363 requires TLS and some clients (Gajim) refuse such slots;"
                        + " put a TLS-terminating proxy in front and announce its https URL", config.publicUrl());
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        } catch (Exception e) {
            stop();
            throw new IOException("could not start the HTTP server on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    private void startParts() throws Exception {
        Files.createDirectories(config.dataDir());
        FileBlobStore store = new FileBlobStore(config.dataDir(), config.fsync());
        store.open();
        blobStore = store;
        meta = config.jdbcUrl().isEmpty()
                ? JdbcMetadataStore.h2File(config.dataDir().resolve("metadata"), config.fsync())
                : JdbcMetadataStore.jdbc(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        meta.open();
        MetadataStore m = meta;
        SlotCredentials credentials = SlotCredentials.loadOrCreate(config.effectiveSecretFile());
        SlotUrls urls = new SlotUrls(config.publicUrl());
        metrics = new UploadMetrics(m::storedBytes, () -> catalog == null ? 0 : catalog.backgroundQueueSize());
        slotService = new DefaultSlotService(config, meta, credentials, urls, clock, metrics);
        catalog = new BlobCatalog(config, store, meta, slotService, urls, Retention.of(config), clock, metrics);
        int repaired = catalog.reconcile();
        if (repaired > 0) {
            LOG.warn("Startup reconciliation repaired {} inconsistenc(ies) between blob files and metadata", repaired);
        }
        catalog.start();

        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), Math.min(8, config.maxThreads()));
        threads.setName("upload-http");
        jetty = new Server(threads);
        HttpConfiguration http = HttpServerParts.httpConfiguration(config, IO_BUFFER);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        h1.setInputBufferSize(IO_BUFFER);
        if (config.tlsKeystore().isPresent() || config.tlsCertificate().isPresent()) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            if (config.tlsKeystore().isPresent()) {
                tls.setKeyStorePath(config.tlsKeystore().get().toAbsolutePath().toString());
                tls.setKeyStorePassword(config.tlsKeystorePassword());
                tls.setKeyStoreType(config.tlsKeystoreType().toUpperCase(java.util.Locale.ROOT));
            } else {
                tls.setKeyStore(PemKeyStore.load(config.tlsCertificate().get(), config.tlsPrivateKey().orElseThrow()));
                tls.setKeyStorePassword(PemKeyStore.PASSWORD);
            }
            SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
            secure.setStsMaxAge(365L * 24 * 3600);
            http.addCustomizer(secure);
            httpConnector = new ServerConnector(jetty, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()), h1);
        } else {
            httpConnector = new ServerConnector(jetty, h1);
        }
        httpConnector.setHost(config.bindAddress());
        httpConnector.setPort(config.port());
        httpConnector.setIdleTimeout(config.idleTimeout().toMillis());
        // A burst of connections (or a flood of idle ones) must not overflow the kernel's accept queue: the JDK
        // default backlog of 50 makes further clients' SYNs drop and retry only after a second or more.
        httpConnector.setAcceptQueueSize(ACCEPT_QUEUE);
        jetty.addConnector(httpConnector);

        uploadHandler = new UploadHandler(config, catalog, slotService, credentials, urls, metrics, clock);
        ConnectorRouter router = new ConnectorRouter(uploadHandler, new MetricsHandler(metrics.registry));
        if (config.metricsEnabled()) {
            metricsConnector = new ServerConnector(jetty, new HttpConnectionFactory(new HttpConfiguration()));
            metricsConnector.setHost(config.metricsBind());
            metricsConnector.setPort(config.metricsPort());
            jetty.addConnector(metricsConnector);
            router.setMetricsConnector(metricsConnector);
        }
        jetty.setHandler(router);
        jetty.start();

        expiry = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("upload-expiry"));
        long every = config.expirySweepInterval().toMillis();
        expiry.scheduleWithFixedDelay(this::sweepQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            catalog.sweep();
            uploadHandler.forgetIdleRateLimits();
        } catch (RuntimeException e) {
            LOG.warn("Expiry sweep failed (retried at the next interval)", e);
        }
    }

    /** Runs the expiry job now (it also runs every {@code retention.sweep-interval}). */
    public void sweepNow() {
        requireRunning();
        catalog.sweep();
    }

    /** Stops listeners and background jobs, closes the database. Idempotent; leaves no threads behind. */
    public synchronized void stop() {
        running = false;
        if (expiry != null) {
            expiry.shutdownNow();
            try {
                expiry.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            expiry = null;
        }
        if (jetty != null) {
            try {
                jetty.stop();
                jetty.join();
            } catch (Exception e) {
                LOG.warn("Stopping Jetty", e);
            }
            jetty = null;
        }
        if (catalog != null) {
            catalog.stop();
        }
        if (meta != null) {
            meta.close();
            meta = null;
        }
        if (blobStore != null) {
            blobStore.close();
            blobStore = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public UploadConfig config() {
        return config;
    }

    /** The base URL clients see ({@code http.public-url}). */
    public URI publicUrl() {
        return config.publicUrl();
    }

    /** The port actually bound (useful with {@code http.port = 0}); -1 when not started. */
    public int port() {
        ServerConnector c = httpConnector;
        return c == null || jetty == null ? -1 : c.getLocalPort();
    }

    /** The metrics listener's bound port, or -1 when metrics are disabled or not started. */
    public int metricsPort() {
        ServerConnector c = metricsConnector;
        return c == null || jetty == null ? -1 : c.getLocalPort();
    }

    /** Slot service; usable once started. */
    public SlotService slots() {
        requireRunning();
        return slotService;
    }

    /** Hash index over stored blobs; usable once started. */
    public BlobIndex index() {
        requireRunning();
        return catalog;
    }

    /** Durable ingest path (used by the mirror); usable once started. */
    public BlobIngest ingest() {
        requireRunning();
        return catalog;
    }

    /** Bytes of distinct stored blobs, exactly as recorded (and reconciled with the files at start). */
    public long storedBytes() {
        requireRunning();
        return catalog.storedBytes();
    }

    /** The Prometheus text exposition of this server's metrics (also served on {@code metrics.port} when enabled). */
    public String metricsText() {
        requireRunning();
        return metrics.registry.scrape();
    }

    private void requireRunning() {
        if (!running) {
            throw new IllegalStateException("the upload server is not started");
        }
    }
}
