package org.xmppsfs.bench;

import java.nio.file.Path;

/**
 * Runs the side-by-side benchmark described by a settings file ({@code scripts/bench} writes it and starts the
 * services). Prints progress on stderr and writes the report files into the settings' output directory.
 * Measures only; asserts nothing about timings.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BenchMain SETTINGS_FILE");
            System.exit(2);
        }
        BenchSettings settings = BenchSettings.load(Path.of(args[0]));
        Results results = new Results();
        Workloads w = new Workloads(settings, results);
        ReportWriter report = new ReportWriter(settings, results);
        try {
            w.prepare();
            if (settings.selects("big")) step(report, "large PUT and GET", w::bigPutAndGet);
            if (settings.selects("small")) step(report, "small uploads", w::smallUploads);
            if (settings.selects("slots")) step(report, "slot requests", w::slotRate);
            if (settings.selects("fanout")) step(report, "concurrent GETs", w::fanout);
            if (settings.selects("hash")) step(report, "hash lookups", () -> w.hashLookups(settings.ourPublicUrl()));
        } finally {
            report.writeAll();
        }
        System.out.print(report.markdown());
        // Smack and HttpClient keep non-daemon threads; the report is written, so leave now.
        System.exit(0);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one workload, then rewrites the report so an interrupted benchmark still leaves what it measured. */
    private static void step(ReportWriter report, String name, Step step) throws java.io.IOException {
        System.err.println("== " + name);
        long t0 = System.nanoTime();
        try {
            step.run();
        } catch (Exception e) {
            System.err.println("  " + name + " aborted: " + e);
            e.printStackTrace();
        }
        System.err.printf("   (%s took %.1f s)%n", name, (System.nanoTime() - t0) / 1e9);
        report.writeAll();
    }
}
