package org.xmppsfs.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Everything one benchmark run needs, read from a {@code key = value} file that {@code scripts/bench} writes:
 * workload sizes, where files and results go, and the services under test.
 *
 * @param runs        measured repetitions of every workload (each figure is their median)
 * @param bigSize     size of the single large PUT and GET
 * @param smallCount  number of small uploads in the "many uploads" workload
 * @param smallSize   size of each small upload
 * @param inFlight    requests in flight in the concurrent workloads
 * @param slotCount   slot requests per run in the slot-rate workload
 * @param fanoutCount concurrent GETs in the fan-out workload
 * @param fanoutSize  size of the file fetched by the fan-out
 * @param hashBlobs   blobs stored before measuring hash lookups
 * @param hashLookups lookups per run
 * @param workDir     scratch directory for generated files
 * @param outDir      where the CSV, Markdown and chart data are written
 * @param targets     the services under test, in report order; the one marked {@code ours} is compared to the rest
 * @param absent      services that were meant to be measured but are not running, with the reason, shown as n/a
 * @param ourPublicUrl our HTTP base URL, for the hash lookups; null if ours is not running
 * @param title       first line of the report, e.g. the mode
 * @param workloads   which workloads run: any of big, small, slots, fanout, hash
 */
public record BenchSettings(int runs, long bigSize, int smallCount, int smallSize, int inFlight, int slotCount,
                            int fanoutCount, int fanoutSize, int hashBlobs, int hashLookups, Path workDir, Path outDir,
                            List<Target> targets, Map<String, String> absent, URI ourPublicUrl, String title,
                            List<String> workloads) {

    public static final List<String> ALL_WORKLOADS = List.of("big", "small", "slots", "fanout", "hash");

    public BenchSettings {
        if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        if (smallSize < 16) throw new IllegalArgumentException("small.size must be at least 16 bytes, was " + smallSize);
        targets = List.copyOf(targets);
        workloads = List.copyOf(workloads);
        for (String w : workloads) {
            if (!ALL_WORKLOADS.contains(w)) throw new IllegalArgumentException("unknown workload " + w + ", expected one of " + ALL_WORKLOADS);
        }
        absent = Collections.unmodifiableMap(new LinkedHashMap<>(absent));
    }

    public static BenchSettings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        List<Target> targets = new ArrayList<>();
        for (String name : list(p, "targets")) {
            targets.add(Target.from(name, p));
        }
        Map<String, String> absent = new LinkedHashMap<>();
        for (String entry : list(p, "absent")) {
            int colon = entry.indexOf(':');
            absent.put(colon < 0 ? entry : entry.substring(0, colon), colon < 0 ? "not running" : entry.substring(colon + 1));
        }
        String publicUrl = optional(p, "ours.public-url", "");
        return new BenchSettings(
                intValue(p, "runs"), longValue(p, "big.size"), intValue(p, "small.count"), intValue(p, "small.size"),
                intValue(p, "inflight"), intValue(p, "slots.count"), intValue(p, "fanout.count"),
                intValue(p, "fanout.size"), intValue(p, "hash.blobs"), intValue(p, "hash.lookups"),
                Path.of(required(p, "work.dir")), Path.of(required(p, "out.dir")), targets, absent,
                publicUrl.isEmpty() ? null : URI.create(publicUrl), optional(p, "title", "xmpp-sfs benchmark"),
                list(p, "workloads").isEmpty() ? ALL_WORKLOADS : list(p, "workloads"));
    }

    static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("missing setting " + key);
        return v.trim();
    }

    static String optional(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static List<String> list(Properties p, String key) {
        String v = optional(p, key, "");
        return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static int intValue(Properties p, String key) {
        try {
            return Integer.parseInt(required(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is not an integer: " + p.getProperty(key), e);
        }
    }

    static long longValue(Properties p, String key) {
        try {
            return Long.parseLong(required(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " is not an integer: " + p.getProperty(key), e);
        }
    }

    /** True if {@code workload} is selected. */
    public boolean selects(String workload) {
        return workloads.contains(workload);
    }
}
