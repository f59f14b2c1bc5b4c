package org.xmppsfs.upload.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * A few counters and gauges rendered in the Prometheus text exposition format (version 0.0.4). Deliberately tiny:
 * the service needs a dozen series, not a metrics library. Thread-safe; one instance per server (no statics).
 */
public final class MetricsRegistry {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final List<Family> families = new ArrayList<>();

    /** A monotonically increasing count. */
    public static final class Counter {
        private final LongAdder value = new LongAdder();

        public void inc() {
            value.increment();
        }

        public void add(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("a counter only goes up, got " + n);
            }
            value.add(n);
        }

        public long get() {
            return value.sum();
        }
    }

    /** Counters told apart by one label's value. */
    public static final class LabeledCounter {
        private final Map<String, Counter> byLabel = new ConcurrentSkipListMap<>();

        public Counter labels(String value) {
            return byLabel.computeIfAbsent(value, v -> new Counter());
        }
    }

    /** A value that goes up and down, set by the code that owns it. */
    public static final class Gauge {
        private final LongAdder value = new LongAdder();

        public void inc() {
            value.increment();
        }

        public void dec() {
            value.decrement();
        }

        public long get() {
            return value.sum();
        }
    }

    private sealed interface Family permits CounterFamily, LabeledFamily, GaugeFamily, SuppliedFamily {
        String name();

        String help();
    }

    private record CounterFamily(String name, String help, Counter counter) implements Family {}

    private record LabeledFamily(String name, String help, String label, LabeledCounter counter) implements Family {}

    private record GaugeFamily(String name, String help, Gauge gauge) implements Family {}

    private record SuppliedFamily(String name, String help, LongSupplier supplier) implements Family {}

    public synchronized Counter counter(String name, String help) {
        Counter c = new Counter();
        register(new CounterFamily(checkName(name), help, c));
        return c;
    }

    public synchronized LabeledCounter counter(String name, String help, String label) {
        LabeledCounter c = new LabeledCounter();
        register(new LabeledFamily(checkName(name), help, checkName(label), c));
        return c;
    }

    public synchronized Gauge gauge(String name, String help) {
        Gauge g = new Gauge();
        register(new GaugeFamily(checkName(name), help, g));
        return g;
    }

    /** A gauge read from {@code supplier} at scrape time. */
    public synchronized void gauge(String name, String help, LongSupplier supplier) {
        register(new SuppliedFamily(checkName(name), help, Objects.requireNonNull(supplier, "supplier")));
    }

    private void register(Family f) {
        if (families.stream().anyMatch(x -> x.name().equals(f.name()))) {
            throw new IllegalArgumentException("metric registered twice: " + f.name());
        }
        families.add(f);
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Prometheus metric or label name: " + name);
        }
        return name;
    }

    /** The text exposition of every metric. */
    public synchronized String scrape() {
        StringBuilder sb = new StringBuilder(2048);
        for (Family f : families) {
            String type = f instanceof CounterFamily || f instanceof LabeledFamily ? "counter" : "gauge";
            sb.append("# HELP ").append(f.name()).append(' ').append(f.help().replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            sb.append("# TYPE ").append(f.name()).append(' ').append(type).append('\n');
            if (f instanceof CounterFamily c) {
                sb.append(c.name()).append(' ').append(c.counter().get()).append('\n');
            } else if (f instanceof LabeledFamily l) {
                l.counter().byLabel.forEach((value, counter) -> sb.append(l.name()).append('{').append(l.label()).append("=\"")
                        .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"} ")
                        .append(counter.get()).append('\n'));
            } else if (f instanceof GaugeFamily g) {
                sb.append(g.name()).append(' ').append(g.gauge().get()).append('\n');
            } else if (f instanceof SuppliedFamily s) {
                long v;
                try {
                    v = s.supplier().getAsLong();
                } catch (RuntimeException e) {
                    continue; // a gauge that cannot be read right now is left out of this scrape
                }
                sb.append(s.name()).append(' ').append(v).append('\n');
            }
        }
        return sb.toString();
    }
}
