package org.xmppsfs.upload.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppsfs.model.hash.Hash;
import org.xmppsfs.model.hash.HashAlgorithm;
import org.xmppsfs.model.hash.MultiHasher;
import org.xmppsfs.upload.BlobIndex;
import org.xmppsfs.upload.BlobIngest;
import org.xmppsfs.upload.IngestRequest;
import org.xmppsfs.upload.Outcome;
import org.xmppsfs.upload.Refusal;
import org.xmppsfs.upload.StoredBlob;
import org.xmppsfs.upload.UploadConfig;
import org.xmppsfs.upload.concurrent.DaemonThreads;
import org.xmppsfs.upload.concurrent.StripedLocks;
import org.xmppsfs.upload.metrics.UploadMetrics;
import org.xmppsfs.upload.slot.SlotUrls;
import org.xmppsfs.model.MediaType;
import org.xmppsfs.upload.storage.BlobAddress;
import org.xmppsfs.upload.storage.BlobStore;
import org.xmppsfs.upload.storage.MetadataStore;
import org.xmppsfs.upload.storage.SlotRecord;
import org.xmppsfs.upload.storage.SlotState;

/**
 * Stored files: the durable commit shared by PUT, MMMSG and mirror ingest, deletion with reference counting,
 * hash lookups (computing missing hashes on demand), background hashing, expiry and startup reconciliation.
 *
 * <p>Commit and delete of the same content address are serialised by a striped lock, so a file being
 * deduplicated into an existing blob can never race with that blob's removal.
 */
public final class BlobCatalog implements BlobIndex, BlobIngest {

    private static final Logger LOG = LoggerFactory.getLogger(BlobCatalog.class);
    /** Many, so that concurrent uploads of different content rarely share a stripe (commit holds it across fsyncs). */
    private static final int STRIPES = 1024;
    private static final int BUFFER = 64 * 1024;
    /** Uploads up to this size compute the background algorithms inline, see {@link #begin}. */
    private static final long INLINE_EVERY_HASH_MAX = 512 * 1024;
    /** Background hashing reads this much between looks at the foreground. */
    private static final int BACKGROUND_BUFFER = 1024 * 1024;
    /** How long background hashing waits for running transfers before reading its next buffer anyway. */
    private static final long BACKGROUND_YIELD_MILLIS = 50;
    private static final int BATCH = 1000;
    private static final Duration INGEST_VALIDITY = Duration.ofHours(1);
    /** Deleted and expired-pending slot rows are kept this long (deleting a file must not refund the daily quota). */
    private static final Duration KEEP_DELETED = Duration.ofHours(25);

    private final UploadConfig config;
    private final BlobStore store;
    private final MetadataStore meta;
    private final DefaultSlotService slots;
    private final SlotUrls urls;
    private final Retention retention;
    private final Clock clock;
    private final UploadMetrics metrics;
    private final StripedLocks stripes = new StripedLocks(STRIPES);
    private final Map<HashAlgorithm, Object> backfillLocks = new EnumMap<>(HashAlgorithm.class);
    private final AtomicInteger hashingQueue = new AtomicInteger();
    private final Foreground foreground = new Foreground();
    private volatile ThreadPoolExecutor hashing;
    private volatile boolean stopping;

    public BlobCatalog(UploadConfig config, BlobStore store, MetadataStore meta, DefaultSlotService slots, SlotUrls urls,
                       Retention retention, Clock clock, UploadMetrics metrics) {
        this.config = config;
        this.store = store;
        this.meta = meta;
        this.slots = slots;
        this.urls = urls;
        this.retention = retention;
        this.clock = clock;
        this.metrics = metrics;
        for (HashAlgorithm a : HashAlgorithm.values()) {
            backfillLocks.put(a, new Object());
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts the bounded background hashing executor; its queue drops work when full (hashes are then computed on demand). */
    public void start() {
        stopping = false;
        ThreadPoolExecutor ex = new ThreadPoolExecutor(config.hashingThreads(), config.hashingThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), DaemonThreads.numbered("upload-hashing-"));
        ex.allowCoreThreadTimeOut(true);
        hashing = ex;
    }

    /**
     * Stops background hashing. Running work notices {@link #stopping} between buffers; threads are not
     * interrupted, since an interrupt during database I/O would close the database's file channel.
     */
    public void stop() {
        stopping = true;
        ThreadPoolExecutor ex = hashing;
        hashing = null;
        if (ex != null) {
            ex.getQueue().clear();
            ex.shutdown();
            try {
                if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("background hashing did not stop within 30 s; interrupting it");
                    ex.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Transfers report here, so that background work can step aside for them. */
    public Foreground foreground() {
        return foreground;
    }

    public int backgroundQueueSize() {
        return hashingQueue.get();
    }

    /**
     * Makes blob files and rows agree after a crash: files without a row (renamed, not yet committed) are
     * deleted; rows whose file is missing or has the wrong size are forgotten (their files stop being served).
     *
     * @return how many inconsistencies were repaired
     */
    public int reconcile() throws IOException {
        Set<BlobAddress> onDisk = store.list();
        Set<BlobAddress> rows = meta.blobAddresses();
        int repaired = 0;
        for (BlobAddress sha : onDisk) {
            if (!rows.contains(sha)) {
                LOG.info("Removing blob {} that no completed upload references (interrupted commit)", sha);
                store.delete(sha);
                repaired++;
            }
        }
        for (BlobAddress sha : rows) {
            Path p = store.path(sha);
            long expected = meta.blobSize(sha).orElse(-1L);
            long actual = Files.isRegularFile(p) ? Files.size(p) : -1;
            if (actual != expected) {
                LOG.error("Blob {} is {} (expected {} bytes): forgetting it; its files are no longer served", sha,
                        actual < 0 ? "missing" : actual + " bytes", expected);
                meta.forgetBlob(sha);
                if (actual >= 0) {
                    store.delete(sha);
                }
                repaired++;
            }
        }
        return repaired;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Starts a temp file that computes {@code algorithms} (SHA-256 is always added) while bytes are written. Small
     * files get the background algorithms inline too: hashing a few hundred KiB more costs less than reading the
     * file again later and writing its hashes in a transaction of their own.
     */
    public TempUpload begin(long expectedSize, Set<HashAlgorithm> algorithms) throws IOException {
        EnumSet<HashAlgorithm> all = EnumSet.of(HashAlgorithm.SHA_256);
        all.addAll(algorithms);
        if (expectedSize <= INLINE_EVERY_HASH_MAX) {
            all.addAll(config.backgroundAlgorithms());
        }
        return new TempUpload(store.newTempFile(), all, expectedSize);
    }

    /**
     * Makes a fully written upload visible: atomic rename (or dedup) then one metadata transaction. A slot that is
     * no longer pending (another PUT won) is a {@link Refusal.Conflict} and leaves nothing behind.
     */
    public Outcome<SlotRecord> commit(SlotRecord slot, TempUpload upload, TempUpload.Written written,
                                      Optional<MediaType> putContentType) throws IOException {
        BlobAddress sha = written.address();
        MetadataStore.Completion completion;
        synchronized (stripes.lockFor(sha)) {
            boolean created = store.commit(upload.temp(), sha);
            try {
                completion = meta.complete(slot, sha, written.size(), written.hashes().values(),
                        slot.contentType().isPresent() ? Optional.empty() : putContentType, clock.instant());
            } catch (RuntimeException e) {
                if (created) {
                    store.delete(sha);
                }
                throw e;
            }
            if (completion == MetadataStore.Completion.NOT_PENDING) {
                if (created && meta.blobSize(sha).isEmpty()) {
                    store.delete(sha);
                }
                return Outcome.refused(new Refusal.Conflict("this slot was already used"));
            }
        }
        metrics.uploads.inc();
        metrics.uploadBytes.add(written.size());
        if (completion == MetadataStore.Completion.EXISTING_BLOB) {
            metrics.deduplicated.inc();
        }
        if (!written.hashes().keySet().containsAll(config.backgroundAlgorithms())) {
            scheduleBackgroundHashes(sha);
        }
        return Outcome.ok(meta.findSlot(slot.id()).orElseThrow());
    }

    private void scheduleBackgroundHashes(BlobAddress sha) {
        ThreadPoolExecutor ex = hashing;
        if (ex == null || config.backgroundAlgorithms().isEmpty()) {
            return;
        }
        try {
            hashingQueue.incrementAndGet();
            ex.execute(() -> {
                try {
                    EnumSet<HashAlgorithm> missing = EnumSet.noneOf(HashAlgorithm.class);
                    missing.addAll(config.backgroundAlgorithms());
                    missing.removeAll(meta.hashesOf(sha).keySet());
                    if (!missing.isEmpty()) {
                        computeAndStore(sha, missing, true);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Background hashing of blob {} failed (hashes will be computed on demand)", sha, e);
                } finally {
                    hashingQueue.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            hashingQueue.decrementAndGet();
            LOG.debug("Background hashing queue full; {} will be hashed on demand", sha);
        }
    }

    /**
     * Reads a blob once, computing the given algorithms, and stores the results. Empty if the blob is gone.
     *
     * @param background true for hashing nobody waits for: it then steps aside while transfers run
     */
    private Optional<Map<HashAlgorithm, Hash>> computeAndStore(BlobAddress sha, Set<HashAlgorithm> algorithms,
                                                               boolean background) throws IOException {
        MultiHasher hasher = MultiHasher.of(algorithms);
        try (InputStream in = Files.newInputStream(store.path(sha))) {
            byte[] buffer = new byte[background ? BACKGROUND_BUFFER : BUFFER];
            while (true) {
                if (background) {
                    foreground.yieldTo(BACKGROUND_YIELD_MILLIS, TimeUnit.MILLISECONDS);
                }
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (stopping) {
                    return Optional.empty();
                }
                hasher.update(buffer, 0, n);
                if (n < buffer.length) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        Map<HashAlgorithm, Hash> computed = hasher.finish();
        meta.addHashes(sha, computed.values());
        return Optional.of(computed);
    }

    // ------------------------------------------------------------------ reading

    /** A completed file that may be served now, with where its bytes are. */
    public record Served(SlotRecord file, BlobAddress blob, Path path, long size, Instant lastModified) {}

    /** The file of a slot, if completed and not expired. */
    public Optional<Served> servable(SlotRecord slot) {
        if (slot.state() != SlotState.COMPLETED || slot.blob().isEmpty() || retention.expired(slot, clock.instant())) {
            return Optional.empty();
        }
        BlobAddress sha = slot.blob().get();
        return Optional.of(new Served(slot, sha, store.path(sha), slot.size(), slot.completed().orElse(slot.created())));
    }

    public Optional<SlotRecord> findSlot(String slotId) {
        return meta.findSlot(slotId);
    }

    /** The newest servable file whose content has that digest; missing hashes are computed first. */
    public Optional<Served> byHash(HashAlgorithm algorithm, byte[] digest) {
        if (algorithm == HashAlgorithm.SHA_256 && digest.length == algorithm.digestLength()) {
            return servableFileOf(BlobAddress.of(Hash.of(algorithm, digest))); // one indexed query answers "stored?" and "which file?"
        }
        return blobWithHash(algorithm, digest).flatMap(this::servableFileOf);
    }

    private Optional<Served> servableFileOf(BlobAddress sha) {
        Instant now = clock.instant();
        for (SlotRecord f : meta.filesOf(sha)) {
            if (!retention.expired(f, now)) {
                return servable(f);
            }
        }
        return Optional.empty();
    }

    private Optional<BlobAddress> blobWithHash(HashAlgorithm algorithm, byte[] digest) {
        if (digest.length != algorithm.digestLength()) {
            return Optional.empty();
        }
        if (algorithm == HashAlgorithm.SHA_256) {
            BlobAddress address = BlobAddress.of(Hash.of(algorithm, digest));
            return meta.blobSize(address).map(s -> address);
        }
        Optional<BlobAddress> found = meta.findBlob(algorithm, digest);
        if (found.isPresent()) {
            return found;
        }
        return backfill(algorithm) ? meta.findBlob(algorithm, digest) : Optional.empty();
    }

    /** Computes {@code algorithm} for every blob lacking it; true if any was computed. */
    private boolean backfill(HashAlgorithm algorithm) {
        synchronized (backfillLocks.get(algorithm)) {
            boolean any = false;
            Set<BlobAddress> seen = new HashSet<>();
            for (List<BlobAddress> batch = meta.blobsMissing(algorithm, BATCH); !batch.isEmpty(); batch = meta.blobsMissing(algorithm, BATCH)) {
                boolean progress = false;
                for (BlobAddress sha : batch) {
                    if (!seen.add(sha)) {
                        continue;
                    }
                    progress = true;
                    try {
                        any |= computeAndStore(sha, EnumSet.of(algorithm), false).isPresent();
                    } catch (IOException e) {
                        LOG.warn("Could not hash blob {} with {}", sha, algorithm.xepName(), e);
                    }
                }
                if (!progress) {
                    break;
                }
            }
            return any;
        }
    }

    @Override
    public Optional<StoredBlob> lookup(Collection<Hash> hashes) {
        BlobAddress candidate = null;
        for (Hash h : hashes) {
            Optional<HashAlgorithm> a = h.algorithm();
            if (a.isEmpty()) {
                continue;
            }
            Optional<BlobAddress> sha = blobWithHash(a.get(), h.digest());
            if (sha.isEmpty() || (candidate != null && !candidate.equals(sha.get()))) {
                return Optional.empty();
            }
            candidate = sha.get();
        }
        if (candidate == null) {
            return Optional.empty();
        }
        return servableFileOf(candidate).map(this::describe);
    }

    /** The public description of a served file, with every hash known for its content. */
    public StoredBlob describe(Served s) {
        List<Hash> hashes = new ArrayList<>(meta.hashesOf(s.blob()).values());
        return new StoredBlob(urls.getUrl(s.file().id(), s.file().filename()), s.size(),
                Optional.of(s.file().servedContentType()), hashes);
    }

    // ------------------------------------------------------------------ deleting and expiry

    /** Deletes a completed file; its blob goes when no other file references it. */
    public Outcome<SlotRecord> delete(String slotId) throws IOException {
        Optional<SlotRecord> slot = meta.findSlot(slotId);
        if (slot.isEmpty() || slot.get().state() != SlotState.COMPLETED || slot.get().blob().isEmpty()) {
            return Outcome.refused(new Refusal.NotFound("no such file"));
        }
        BlobAddress sha = slot.get().blob().get();
        synchronized (stripes.lockFor(sha)) {
            MetadataStore.Deletion d = meta.deleteFile(slotId, clock.instant());
            if (!d.deleted()) {
                return Outcome.refused(new Refusal.NotFound("no such file"));
            }
            if (d.orphanedBlob().isPresent()) {
                store.delete(d.orphanedBlob().get());
            }
        }
        return Outcome.ok(slot.get());
    }

    /** Withdraws a slot that was granted but never used, releasing its quota reservation. */
    public Outcome<SlotRecord> cancelPending(String slotId) {
        Optional<SlotRecord> slot = meta.findSlot(slotId);
        if (slot.isEmpty() || !meta.deletePendingSlot(slotId)) {
            return Outcome.refused(new Refusal.NotFound("no such upload slot"));
        }
        return Outcome.ok(slot.get());
    }

    /** Removes expired files and stale slot rows. Called by the expiry job; safe to call any time. */
    public void sweep() {
        Instant now = clock.instant();
        int removed = 0;
        for (List<String> ids = meta.expiredFiles(retention.cutoffs(now), BATCH); !ids.isEmpty();
             ids = meta.expiredFiles(retention.cutoffs(now), BATCH)) {
            int before = removed;
            for (String id : ids) {
                try {
                    if (delete(id) instanceof Outcome.Ok) {
                        removed++;
                        metrics.expired.inc();
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not remove expired file {}", id, e);
                }
            }
            if (removed == before) {
                break;
            }
        }
        // Expired pending slots stop counting against quotas at once (see MetadataStore); their rows stay a day
        // so that a PUT that began before its credential expired can still complete.
        int purged = meta.purgeSlots(now.minus(KEEP_DELETED), now.minus(KEEP_DELETED));
        if (removed > 0 || purged > 0) {
            LOG.info("Expiry: removed {} file(s), purged {} slot row(s)", removed, purged);
        }
    }

    public long storedBytes() {
        return meta.storedBytes();
    }

    // ------------------------------------------------------------------ ingest (mirror)

    @Override
    public Outcome<StoredBlob> ingest(InputStream body, IngestRequest request) throws IOException {
        // Not anonymous: no PUT credential is ever issued for an ingest slot, so no client can PUT into it.
        Outcome<SlotRecord> reserved = slots.reserve(request.owner(), request.filename(), request.size(),
                request.mediaType().map(MediaType::toString), request.purpose(), INGEST_VALIDITY, false);
        if (!(reserved instanceof Outcome.Ok<SlotRecord> ok)) {
            return reserved.map(s -> null);
        }
        SlotRecord slot = ok.value();
        boolean committed = false;
        try {
            EnumSet<HashAlgorithm> algorithms = EnumSet.copyOf(config.inlineAlgorithms());
            request.expected().forEach(h -> h.algorithm().ifPresent(algorithms::add));
            try (TempUpload up = begin(request.size(), algorithms)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    if (!writeOrDiskFull(up, ByteBuffer.wrap(buffer, 0, n))) {
                        return refuse(new Refusal.SourceRefused("source sent more than the announced " + request.size() + " bytes"));
                    }
                }
                if (up.written() != request.size()) {
                    return refuse(new Refusal.SourceRefused("source ended after " + up.written() + " of the announced " + request.size() + " bytes"));
                }
                TempUpload.Written written = up.finish();
                for (Hash expected : request.expected()) {
                    Optional<HashAlgorithm> a = expected.algorithm();
                    if (a.isPresent() && !written.hashes().get(a.get()).matches(expected)) {
                        return refuse(new Refusal.HashMismatch(a.get().xepName(), "the content does not have the announced "
                                + a.get().xepName() + " hash"));
                    }
                }
                Outcome<SlotRecord> done = commit(slot, up, written, Optional.empty());
                if (done instanceof Outcome.Ok<SlotRecord> d) {
                    committed = true;
                    return Outcome.ok(describe(servable(d.value()).orElseThrow()));
                }
                return done.map(s -> null);
            } catch (DiskFull e) {
                return refuse(new Refusal.InsufficientStorage("the service's disk is full"));
            }
        } finally {
            if (!committed) {
                meta.deletePendingSlot(slot.id());
            }
        }
    }

    private Outcome<StoredBlob> refuse(Refusal r) {
        metrics.refusals.labels(DefaultSlotService.reasonLabel(r)).inc();
        return Outcome.refused(r);
    }

    /** Thrown when a write failed because the disk is full, as opposed to a network failure. */
    public static final class DiskFull extends IOException {
        private static final long serialVersionUID = 1L;

        DiskFull(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** {@link TempUpload#write}, turning "no space left" into {@link DiskFull}. */
    public static boolean writeOrDiskFull(TempUpload up, ByteBuffer buffer) throws IOException {
        try {
            return up.write(buffer);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw new DiskFull(e);
            }
            throw e;
        }
    }

    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("No space left") || m.contains("Disk quota exceeded") || m.contains("not enough space")) {
                return true;
            }
        }
        return false;
    }
}
