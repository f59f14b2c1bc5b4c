package org.xmppsfs.upload.mirror;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.upload.BlobIndex;
import org.xmppsfs.upload.BlobIngest;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.upload.IngestRequest;
import org.xmppsfs.upload.Mirror;
import org.xmppsfs.upload.MirrorRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Purpose;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.StoredBlob;
import org.xmppsfs.upload.concurrent.DaemonThreads;

/**
 * The {@link Mirror}: looks the hashes up first (no fetch when the content is already stored), otherwise fetches
 * the source through the {@link GuardedFetcher} and streams it into {@link BlobIngest}, which verifies every
 * supported hash before anything becomes visible.
 *
 * <p>Fetches run on a bounded pool ({@link MirrorConfig#concurrency()} threads, a queue of
 * {@link MirrorConfig#queueSize()}); when both are full a request is refused as busy rather than queued without
 * limit. {@link #close()} stops the pool and the fetcher; a fetch in progress is interrupted.
 */
public final class HttpMirror implements Mirror, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpMirror.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(30);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final MirrorConfig config;
    private final BlobIndex index;
    private final BlobIngest ingest;
    private final GuardedFetcher fetcher;
    private final ThreadPoolExecutor pool;
    private final Clock clock;

    public HttpMirror(MirrorConfig config, BlobIndex index, BlobIngest ingest) {
        this(config, index, ingest, new GuardedFetcher(config), Clock.systemUTC());
    }

    public HttpMirror(MirrorConfig config, BlobIndex index, BlobIngest ingest, GuardedFetcher fetcher, Clock clock) {
        List<String> problems = config.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.config = config;
        this.index = index;
        this.ingest = ingest;
        this.fetcher = fetcher;
        this.clock = clock;
        int instance = INSTANCES.incrementAndGet();
        this.pool = new ThreadPoolExecutor(config.concurrency(), config.concurrency(), 60, TimeUnit.SECONDS,
                config.queueSize() == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(config.queueSize()),
                DaemonThreads.numbered("mirror-" + instance + "-"), new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public CompletableFuture<Outcome<StoredBlob>> mirror(MirrorRequest request) {
        Optional<Refusal> early = precheck(request);
        if (early.isPresent()) {
            return CompletableFuture.completedFuture(Outcome.refused(early.get()));
        }
        CompletableFuture<Outcome<StoredBlob>> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                try {
                    result.complete(run(request));
                } catch (RuntimeException | Error e) {
                    LOG.error("event=mirror-failed source={} requester={}", GuardedFetcher.redacted(request.source()),
                            request.requester(), e);
                    result.complete(Outcome.refused(new Refusal.Internal("mirroring failed on our side")));
                }
            });
        } catch (RejectedExecutionException e) {
            result.complete(Outcome.refused(new Refusal.RateLimited(clock.instant().plus(BUSY_RETRY),
                    "the mirror is busy; try again later")));
        }
        return result;
    }

    /** Refusals that need no network: no usable hash, a bad size. */
    Optional<Refusal> precheck(MirrorRequest request) {
        boolean anySupported = request.expected().stream().anyMatch(h -> h.algorithm().isPresent());
        if (!anySupported) {
            return Optional.of(new Refusal.BadRequest(request.expected().isEmpty()
                    ? "no hash given: a source is only mirrored when its content can be verified"
                    : "none of the given hash algorithms is supported (" + algos(request.expected()) + ")"));
        }
        if (request.size() <= 0) {
            return Optional.of(new Refusal.BadRequest("size must be a positive number of bytes, was " + request.size()));
        }
        if (request.size() > config.maxSize()) {
            return Optional.of(new Refusal.TooLarge(config.maxSize(),
                    "file of " + request.size() + " bytes exceeds the mirror limit of " + config.maxSize() + " bytes"));
        }
        return Optional.empty();
    }

    private Outcome<StoredBlob> run(MirrorRequest request) {
        Optional<StoredBlob> known = index.lookup(request.expected());
        if (known.isPresent() && known.get().size() == request.size()) {
            LOG.info("event=mirror-known source={} url={}", GuardedFetcher.redacted(request.source()), known.get().getUrl());
            return Outcome.ok(known.get());
        }
        try (GuardedFetcher.Fetch fetch = fetcher.open(request.source())) {
            if (fetch.contentLength().isPresent() && fetch.contentLength().getAsLong() != request.size()) {
                return Outcome.refused(new Refusal.SourceRefused("source announced " + fetch.contentLength().getAsLong()
                        + " bytes, the request said " + request.size()));
            }
            Optional<MediaType> mediaType = request.mediaType().or(fetch::contentType).flatMap(MediaType::parse);
            IngestRequest ingestRequest = new IngestRequest(request.requester(), filename(request), request.size(),
                    mediaType, request.expected(), Purpose.MESSAGE);
            Outcome<StoredBlob> stored = ingest.ingest(new CappedStream(fetch.body(), request.size()), ingestRequest);
            if (stored instanceof Outcome.Ok<StoredBlob> ok) {
                LOG.info("event=mirrored source={} size={} url={}", GuardedFetcher.redacted(fetch.uri()),
                        request.size(), ok.value().getUrl());
            } else {
                LOG.info("event=mirror-refused source={} reason=\"{}\"", GuardedFetcher.redacted(fetch.uri()),
                        ((Outcome.Refused<StoredBlob>) stored).refusal().text());
            }
            return stored;
        } catch (FetchRefusedException e) {
            LOG.info("event=mirror-refused source={} reason=\"{}\"", GuardedFetcher.redacted(request.source()), e.getMessage());
            return Outcome.refused(new Refusal.SourceRefused(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.refused(new Refusal.Internal("the service is shutting down"));
        } catch (IOException e) {
            LOG.info("event=mirror-refused source={} reason=\"{}\"", GuardedFetcher.redacted(request.source()), e.toString());
            return Outcome.refused(new Refusal.SourceRefused("reading from the source failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    /** The requested name, else the last segment of the source path, else "file"; never a path. */
    static String filename(MirrorRequest request) {
        String name = request.filename().orElseGet(() -> {
            String path = request.source().getRawPath();
            if (path == null || path.isEmpty() || path.endsWith("/")) {
                return "file";
            }
            String last = path.substring(path.lastIndexOf('/') + 1);
            try {
                return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "file";
            }
        });
        String cleaned = name.replaceAll("[/\\\\\\p{Cntrl}]", "_").strip();
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? "file" : cleaned;
    }

    private static String algos(List<Hash> hashes) {
        return String.join(", ", hashes.stream().map(Hash::algo).toList());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("event=mirror-stop-slow message=\"mirror threads still running after 5 s\"");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetcher.close();
    }

    /** Yields at most {@code limit + 1} bytes: enough for the ingest to notice a longer body, never an endless one. */
    private static final class CappedStream extends FilterInputStream {
        private long remaining;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit + 1;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
