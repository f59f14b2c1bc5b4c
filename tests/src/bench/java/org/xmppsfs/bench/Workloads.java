package org.xmppsfs.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workloads, each run the same way against every target. Within one run the targets take turns, so
 * background load on a shared machine spreads over all of them rather than hitting one.
 */
public final class Workloads {

    private static final double MIB = 1024.0 * 1024.0;

    private final BenchSettings settings;
    private final Results results;
    private final HttpDriver http = new HttpDriver();
    /** Distinguishes every upload's content so no service can deduplicate its way to a better figure. */
    private final AtomicInteger uploadCounter = new AtomicInteger();
    private final long runTag = System.currentTimeMillis();
    private final List<Target> alive;

    final Metric putBig;
    final Metric getBig;
    final Metric smallRate;
    final Metric slotsSequential;
    final Metric slotsPipelined;
    final Metric pingsPipelined;
    final Metric fanoutRate;
    final Metric fanoutP99;
    final Metric fanoutRss;
    final Metric fanoutHeap;
    final Metric hashSeedRate;
    final Metric hashP50;
    final Metric hashP99;
    final Metric hashMissP99;
    final Metric clientFloorP50;
    final Metric clientFloorP99;

    private Path bigFile;
    private final byte[] smallBase;

    public Workloads(BenchSettings settings, Results results) {
        this.settings = settings;
        this.results = results;
        this.alive = new ArrayList<>(settings.targets());
        this.smallBase = randomBytes(settings.smallSize(), 1);
        String big = size(settings.bigSize());
        putBig = new Metric("put_big", "one " + big + " PUT", "MiB/s", true);
        getBig = new Metric("get_big", "one " + big + " GET", "MiB/s", true);
        smallRate = new Metric("small_uploads", String.format(Locale.ROOT, "%,d uploads of %s, %d in flight, slot included",
                settings.smallCount(), size(settings.smallSize()), settings.inFlight()), "uploads/s", true);
        slotsSequential = new Metric("slots_seq", String.format(Locale.ROOT, "%,d slot requests, 1 in flight", settings.slotCount()), "slots/s", true);
        slotsPipelined = new Metric("slots_pipelined", String.format(Locale.ROOT, "%,d slot requests, %d in flight, one connection",
                settings.slotCount(), settings.inFlight()), "slots/s", true);
        pingsPipelined = new Metric("pings_pipelined", String.format(Locale.ROOT,
                "round-trip ceiling: %,d XEP-0199 pings to the upload service, %d in flight", settings.slotCount(), settings.inFlight()),
                "IQs/s", true);
        String fan = String.format(Locale.ROOT, "%,d concurrent GETs of %s", settings.fanoutCount(), size(settings.fanoutSize()));
        fanoutRate = new Metric("fanout_rate", fan + ", throughput", "MiB/s", true);
        fanoutP99 = new Metric("fanout_p99", fan + ", p99 latency", "ms", false);
        fanoutRss = new Metric("fanout_rss", fan + ", server peak RSS", "MiB", false);
        fanoutHeap = new Metric("fanout_heap", fan + ", server peak used heap", "MiB", false);
        hashSeedRate = new Metric("hash_seed", String.format(Locale.ROOT, "seeding %,d blobs by upload (slot + PUT)", settings.hashBlobs()), "uploads/s", true);
        String lookups = String.format(Locale.ROOT, "hash lookup (HEAD) among %,d blobs", settings.hashBlobs());
        hashP50 = new Metric("hash_p50", lookups + ", p50", "µs", false);
        hashP99 = new Metric("hash_p99", lookups + ", p99", "µs", false);
        hashMissP99 = new Metric("hash_miss_p99", "hash lookup of an unknown hash, p99", "µs", false);
        clientFloorP50 = new Metric("head_floor_p50", "client floor: HEAD of a static file, p50", "µs", false);
        clientFloorP99 = new Metric("head_floor_p99", "client floor: HEAD of a static file, p99", "µs", false);
    }

    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) return (bytes >> 10) + " KiB";
        return bytes + " B";
    }

    // ---------------------------------------------------------------------------------------------------- setup

    /** Writes the large payload once (random, so nothing compresses it) and warms every target up. */
    public void prepare() throws IOException {
        Files.createDirectories(settings.workDir());
        bigFile = settings.workDir().resolve("payload-" + settings.bigSize() + ".bin");
        long bodyFromFile = settings.bigSize() - 16;
        if (!Files.exists(bigFile) || Files.size(bigFile) != bodyFromFile) {
            Random random = new Random(42);
            byte[] chunk = new byte[1 << 20];
            try (OutputStream out = Files.newOutputStream(bigFile)) {
                for (long left = bodyFromFile; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
        }
        for (Target target : List.copyOf(alive)) {
            System.err.println("warm-up: " + target.name());
            try (UploadSession session = UploadSession.open(target, "warmup")) {
                int warm = Math.max(10, Math.min(200, settings.smallCount() / 4));
                for (int i = 0; i < warm; i++) {
                    UploadUrls urls = session.slot(name("warm", i), settings.smallSize());
                    http.put(urls, BodyPublishers.ofByteArray(unique(smallBase)));
                    if (i % 20 == 0) http.get(urls.get(), settings.smallSize());
                }
            } catch (Exception e) {
                String why = "not measured: warm-up failed: " + UploadSession.describe(e);
                System.err.println("  " + target.name() + ": " + why);
                e.printStackTrace();
                results.note(putBig, target.name(), why);
                alive.remove(target);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- workloads

    /** (1) one large PUT, slot obtained beforehand and not timed; (2) one GET of that file. */
    public void bigPutAndGet() {
        for (int run = 1; run <= settings.runs(); run++) {
            for (Target target : alive) {
                try (UploadSession session = UploadSession.open(target, "big")) {
                    UploadUrls urls = session.slot(name("big", run), settings.bigSize());
                    BodyPublisher body = BodyPublishers.concat(BodyPublishers.ofByteArray(unique(new byte[16])),
                            BodyPublishers.ofFile(bigFile));
                    settle(30);
                    long t0 = System.nanoTime();
                    http.put(urls, body);
                    double putSeconds = (System.nanoTime() - t0) / 1e9;
                    results.record(putBig, target.name(), run, settings.bigSize() / MIB / putSeconds);

                    settle(30);
                    t0 = System.nanoTime();
                    http.get(urls.get(), settings.bigSize());
                    double getSeconds = (System.nanoTime() - t0) / 1e9;
                    results.record(getBig, target.name(), run, settings.bigSize() / MIB / getSeconds);
                } catch (Exception e) {
                    results.note(putBig, target.name(), "run " + run + " failed: " + UploadSession.describe(e));
                }
            }
        }
    }

    /** (3) many small uploads, each a slot request then a PUT, {@code inFlight} at a time over one connection. */
    public void smallUploads() throws InterruptedException {
        for (int run = 1; run <= settings.runs(); run++) {
            for (Target target : alive) {
                try (UploadSession session = UploadSession.open(target, "small")) {
                    Batch batch = uploadMany(List.of(session), "small-r" + run, settings.smallCount(), settings.inFlight(),
                            i -> unique(smallBase));
                    if (batch.failed() > 0) results.note(smallRate, target.name(), "run " + run + ": " + batch.failed() + " uploads failed");
                    results.record(smallRate, target.name(), run, batch.succeededPerSecond());
                } catch (Exception e) {
                    results.note(smallRate, target.name(), "run " + run + " failed: " + UploadSession.describe(e));
                }
            }
        }
    }

    /** (4) slot requests per second over one connection: one at a time, then pipelined with Smack async IQs. */
    public void slotRate() throws InterruptedException {
        for (int run = 1; run <= settings.runs(); run++) {
            for (Target target : alive) {
                if (!(target instanceof Target.Xmpp)) continue;
                try (UploadSession.Xmpp session = (UploadSession.Xmpp) UploadSession.open(target, "slots")) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < settings.slotCount(); i++) {
                        session.slot(name("seq-r" + run, i), settings.smallSize());
                    }
                    results.record(slotsSequential, target.name(), run, settings.slotCount() / ((System.nanoTime() - t0) / 1e9));

                    t0 = System.nanoTime();
                    int failed = session.pipelinedSlots("pipe-r" + run + "-" + runTag + "-", settings.slotCount(),
                            settings.inFlight(), settings.smallSize());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (failed > 0) results.note(slotsPipelined, target.name(), "run " + run + ": " + failed + " slot requests failed");
                    results.record(slotsPipelined, target.name(), run, (settings.slotCount() - failed) / seconds);

                    t0 = System.nanoTime();
                    int unanswered = session.pipelinedPings(settings.slotCount(), settings.inFlight());
                    seconds = (System.nanoTime() - t0) / 1e9;
                    if (unanswered > 0) results.note(pingsPipelined, target.name(), "run " + run + ": " + unanswered + " pings unanswered");
                    results.record(pingsPipelined, target.name(), run, (settings.slotCount() - unanswered) / seconds);
                } catch (Exception e) {
                    results.note(slotsSequential, target.name(), "run " + run + " failed: " + UploadSession.describe(e));
                }
            }
        }
    }

    /** (5) many concurrent GETs of one file; memory of the server process(es) while they run. */
    public void fanout() {
        List<Target> ready = new ArrayList<>();
        List<URI> fileOf = new ArrayList<>();
        for (Target target : alive) {
            try (UploadSession session = UploadSession.open(target, "fanout")) {
                UploadUrls urls = session.slot(name("fanout", 0), settings.fanoutSize());
                http.put(urls, BodyPublishers.ofByteArray(unique(randomBytes(settings.fanoutSize(), 5))));
                ready.add(target);
                fileOf.add(urls.get());
            } catch (Exception e) {
                results.note(fanoutRate, target.name(), "upload of the shared file failed: " + UploadSession.describe(e));
            }
        }
        for (int run = 1; run <= settings.runs(); run++) {
            for (int t = 0; t < ready.size(); t++) {
                Target target = ready.get(t);
                URI uri = fileOf.get(t);
                // a fresh client per run: every run opens its connections anew, as real clients would
                HttpDriver client = new HttpDriver();
                boolean rssReset = ProcessProbe.resetPeakRss(target.pids());
                ProcessProbe.HeapSampler heap = null;
                try {
                    if (target.jvm() && !target.pids().isEmpty()) heap = new ProcessProbe.HeapSampler(target.pids().get(0));
                    double[] latencies = new double[settings.fanoutCount()];
                    AtomicInteger failed = new AtomicInteger();
                    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
                    List<CompletableFuture<Long>> all = new ArrayList<>(settings.fanoutCount());
                    long t0 = System.nanoTime();
                    for (int i = 0; i < settings.fanoutCount(); i++) {
                        int index = i;
                        long started = System.nanoTime();
                        all.add(client.getAsync(uri, settings.fanoutSize()).whenComplete((n, e) -> {
                            latencies[index] = (System.nanoTime() - started) / 1e6;
                            if (e != null) {
                                failed.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                        }));
                    }
                    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    int ok = settings.fanoutCount() - failed.get();
                    if (failed.get() > 0) {
                        results.note(fanoutRate, target.name(), "run " + run + ": " + failed.get() + " GETs failed (first: " + firstFailure.get() + ")");
                    }
                    results.record(fanoutRate, target.name(), run, ok * (double) settings.fanoutSize() / MIB / seconds);
                    results.record(fanoutP99, target.name(), run, Samples.percentile(latencies, 99));
                    if (heap != null) {
                        heap.close();
                        OptionalLong peak = heap.peak();
                        if (peak.isPresent()) results.record(fanoutHeap, target.name(), run, peak.getAsLong() / MIB);
                        heap = null;
                    }
                    OptionalLong rss = ProcessProbe.peakRss(target.pids());
                    if (rss.isPresent()) {
                        results.record(fanoutRss, target.name(), run, rss.getAsLong() / MIB);
                        if (!rssReset) results.note(fanoutRss, target.name(), "peak RSS since process start (clear_refs refused)");
                    }
                } catch (Exception e) {
                    results.note(fanoutRate, target.name(), "run " + run + " failed: " + e);
                } finally {
                    if (heap != null) heap.close();
                }
            }
        }
    }

    /**
     * (6) hash lookups on our service with many stored blobs. The blobs are seeded through the front door — a slot
     * request and a PUT each, 64 in flight over 4 connections — so the index is exactly what real uploads build.
     * A HEAD of a static file on the WebDAV target, if there is one, shows the client's own floor.
     */
    public void hashLookups(URI ourPublicUrl) throws Exception {
        Target ours = alive.stream().filter(Target::ours).findFirst().orElse(null);
        results.declare(hashSeedRate);
        results.declare(hashP50);
        results.declare(hashP99);
        results.declare(hashMissP99);
        if (ours == null || ourPublicUrl == null || settings.hashBlobs() <= 0) return;
        String base = ourPublicUrl.toString().replaceAll("/+$", "");
        List<String> digests = new ArrayList<>(settings.hashBlobs());
        List<UploadSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) sessions.add(UploadSession.open(ours, "seed" + i));
            System.err.printf("seeding %,d blobs into %s%n", settings.hashBlobs(), ours.name());
            List<String> seeded = java.util.Collections.synchronizedList(digests);
            Batch batch = uploadMany(sessions, "seed", settings.hashBlobs(), 64, i -> {
                byte[] blob = (runTag + " blob " + i + " of the hash-lookup benchmark").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                if (i > 0 && i % 10_000 == 0) System.err.printf("  seeded %,d%n", i);
                seeded.add(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(blob)));
                return blob;
            });
            results.record(hashSeedRate, ours.name(), 1, batch.succeededPerSecond());
            if (batch.failed() > 0) results.note(hashSeedRate, ours.name(), batch.failed() + " seed uploads failed");
        } finally {
            sessions.forEach(UploadSession::close);
        }
        double settled = settle(120); // the seeding's aftermath, not the timed lookups, gets the writes and housekeeping
        System.err.printf("  ours was busy for %.1f s after seeding%n", settled);
        results.note(hashP50, ours.name(), String.format(Locale.ROOT,
                "lookups timed once ours was idle again, %.0f s after the seeding ended", settled));
        Random pick = new Random(7);
        KeepAliveHead client = new KeepAliveHead(URI.create(base));
        // warm-up: connection, JIT on both sides
        for (int i = 0; i < Math.min(200, settings.hashLookups() / 5); i++) {
            client.head(URI.create(base + "/hash/sha-256/" + digests.get(pick.nextInt(digests.size()))));
        }
        Target.WebDav floorTarget = (Target.WebDav) alive.stream().filter(t -> t instanceof Target.WebDav).findFirst().orElse(null);
        URI floorUri = null;
        if (floorTarget != null) {
            results.declare(clientFloorP50);
            results.declare(clientFloorP99);
            floorUri = floorTarget.base().resolve(name("floor", 0));
            http.put(new UploadUrls(floorUri, floorUri, java.util.Map.of()), BodyPublishers.ofByteArray(new byte[64]));
        }
        KeepAliveHead floorClient = floorTarget == null ? null : new KeepAliveHead(floorTarget.base());
        if (floorClient != null) {
            for (int i = 0; i < 200; i++) floorClient.head(floorUri); // warm-up, as for ours
        }
        for (int run = 1; run <= settings.runs(); run++) {
            double[] hits = new double[settings.hashLookups()];
            int notFound = 0;
            for (int i = 0; i < hits.length; i++) {
                URI uri = URI.create(base + "/hash/sha-256/" + digests.get(pick.nextInt(digests.size())));
                long t0 = System.nanoTime();
                int status = client.head(uri);
                hits[i] = (System.nanoTime() - t0) / 1e3;
                if (status != 200) notFound++;
            }
            if (notFound > 0) results.note(hashP99, ours.name(), "run " + run + ": " + notFound + " stored hashes not found");
            results.record(hashP50, ours.name(), run, Samples.percentile(hits, 50));
            results.record(hashP99, ours.name(), run, Samples.percentile(hits, 99));

            double[] misses = new double[Math.max(1, settings.hashLookups() / 10)];
            byte[] unknown = new byte[32];
            for (int i = 0; i < misses.length; i++) {
                pick.nextBytes(unknown);
                URI uri = URI.create(base + "/hash/sha-256/" + Base64.getUrlEncoder().withoutPadding().encodeToString(unknown));
                long t0 = System.nanoTime();
                client.head(uri);
                misses[i] = (System.nanoTime() - t0) / 1e3;
            }
            results.record(hashMissP99, ours.name(), run, Samples.percentile(misses, 99));

            if (floorUri != null) {
                double[] floor = new double[settings.hashLookups()];
                for (int i = 0; i < floor.length; i++) {
                    long t0 = System.nanoTime();
                    floorClient.head(floorUri);
                    floor[i] = (System.nanoTime() - t0) / 1e3;
                }
                results.record(clientFloorP50, floorTarget.name(), run, Samples.percentile(floor, 50));
                results.record(clientFloorP99, floorTarget.name(), run, Samples.percentile(floor, 99));
            }
        }
        client.close();
        if (floorClient != null) floorClient.close();
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    /** Produces the body of the i-th upload of a batch. */
    interface BodySource {
        byte[] body(int index);
    }

    /** How a batch of uploads went. */
    record Batch(int count, int failed, double seconds) {
        double succeededPerSecond() {
            return (count - failed) / seconds;
        }
    }

    /**
     * Uploads {@code count} files, each a slot request then a PUT, with {@code inFlight} worker threads spread over
     * {@code sessions}.
     */
    private Batch uploadMany(List<UploadSession> sessions, String prefix, int count, int inFlight, BodySource source)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        List<Future<?>> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < inFlight; w++) {
            UploadSession session = sessions.get(w % sessions.size());
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        byte[] body = source.body(i);
                        UploadUrls urls = session.slot(name(prefix, i), body.length);
                        http.put(urls, BodyPublishers.ofByteArray(body));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            }));
        }
        pool.shutdown();
        for (Future<?> f : workers) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (firstFailure.get() != null) System.err.println("  first failure: " + UploadSession.describe(firstFailure.get()));
        return new Batch(count, failed.get(), seconds);
    }

    private String name(String prefix, int index) {
        return prefix + "-" + runTag + "-" + index + ".bin";
    }

    /** A copy of {@code base} whose first bytes carry a counter, so every upload has distinct content. */
    private byte[] unique(byte[] base) {
        byte[] copy = base.clone();
        ByteBuffer.wrap(copy).putLong(0, runTag).putInt(8, uploadCounter.incrementAndGet());
        return copy;
    }

    /**
     * Before a timed measurement: the disk settled (below), and our service idle, waiting at most {@code maxSeconds};
     * returns the seconds waited. Ours hashes a large upload with three more algorithms after acknowledging it, and
     * its database tidies up after a burst of uploads; that work would otherwise run while the next service is
     * measured and make that one look slower, or be measured as our steady state.
     */
    private double settle(int maxSeconds) throws IOException, InterruptedException {
        settleDisk();
        List<Long> pids = new ArrayList<>();
        alive.stream().filter(Target::ours).forEach(t -> pids.addAll(t.pids())); // the only one with deferred work
        return ProcessProbe.awaitQuiet(pids, maxSeconds);
    }

    /**
     * Writes every dirty page back before a timed large transfer. Without it, the hundreds of MiB that the previous
     * target left in the page cache (nginx, Prosody and ejabberd do not sync their uploads) are written back during
     * the next target's measurement, and whichever target comes next pays for them.
     */
    private static void settleDisk() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        sync.waitFor();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
