package org.xmppsfs.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory of the processes under test: peak resident set ({@code VmHWM}, reset through {@code clear_refs} so it
 * covers one workload) and, for a JVM, peak used heap sampled with {@code jstat -gc}.
 */
public final class ProcessProbe {
    private ProcessProbe() {
    }

    /** Resets the peak-RSS mark of each process (needs the same user or root); false if the kernel refused. */
    public static boolean resetPeakRss(List<Long> pids) {
        boolean ok = true;
        for (long pid : pids) {
            try {
                Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            } catch (IOException e) {
                ok = false;
            }
        }
        return ok;
    }

    /**
     * Waits until the processes together use less than 5 % of one core over two consecutive half-second samples, or
     * {@code maxSeconds} passed; returns the seconds waited. After a burst (say 100,000 uploads) a server still has
     * background work to do for a while (database compaction, JIT); a latency measured during it describes the
     * burst's aftermath, not the steady state.
     */
    public static double awaitQuiet(List<Long> pids, int maxSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        long before = cpuTicks(pids);
        int quietSamples = 0;
        while (before >= 0 && quietSamples < 2 && System.nanoTime() - t0 < maxSeconds * 1_000_000_000L) {
            Thread.sleep(500);
            long now = cpuTicks(pids);
            // clock ticks are 1/100 s on Linux: 5 % of one core over 0.5 s is 2.5 ticks
            quietSamples = now >= 0 && now - before <= 2 ? quietSamples + 1 : 0;
            before = now;
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** User plus system CPU time of the processes in clock ticks, -1 if one cannot be read. */
    private static long cpuTicks(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                total += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    /** Sum of the processes' peak RSS in bytes, empty if any of them cannot be read. */
    public static OptionalLong peakRss(List<Long> pids) {
        if (pids.isEmpty()) return OptionalLong.empty();
        long total = 0;
        for (long pid : pids) {
            try {
                String line = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                        .filter(l -> l.startsWith("VmHWM:")).findFirst().orElse(null);
                if (line == null) return OptionalLong.empty();
                total += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            } catch (IOException | NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(total);
    }

    /** Samples a JVM's used heap (survivors + eden + old) every 50 ms until closed; keeps the peak. */
    public static final class HeapSampler implements AutoCloseable {
        private final Process jstat;
        private final Thread reader;
        private final AtomicLong peakBytes = new AtomicLong(-1);

        public HeapSampler(long pid) throws IOException {
            this.jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid), "50")
                    .redirectErrorStream(true).start();
            this.reader = new Thread(this::read, "jstat-" + pid);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
                List<String> header = null;
                String line;
                while ((line = in.readLine()) != null) {
                    List<String> cols = Arrays.asList(line.trim().split("\\s+"));
                    if (cols.contains("EU")) {
                        header = cols;
                        continue;
                    }
                    if (header == null || cols.size() != header.size()) continue;
                    double kib = 0;
                    for (String c : List.of("S0U", "S1U", "EU", "OU")) {
                        kib += Double.parseDouble(cols.get(header.indexOf(c)));
                    }
                    long bytes = (long) (kib * 1024);
                    peakBytes.accumulateAndGet(bytes, Math::max);
                }
            } catch (IOException | RuntimeException e) {
                // jstat went away or printed something unexpected; the peak so far stands
            }
        }

        /** Peak used heap in bytes, empty if no sample arrived. */
        public OptionalLong peak() {
            long p = peakBytes.get();
            return p < 0 ? OptionalLong.empty() : OptionalLong.of(p);
        }

        @Override
        public void close() {
            try {
                // one more sample interval so the tail of the workload is seen
                Thread.sleep(120);
                jstat.destroy();
                reader.join(2_000);
            } catch (InterruptedException e) {
                jstat.destroy();
                Thread.currentThread().interrupt();
            }
        }
    }
}
