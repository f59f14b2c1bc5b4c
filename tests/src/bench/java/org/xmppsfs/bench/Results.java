package org.xmppsfs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Measured values per metric and target, in the order they were first recorded, plus notes on failures. */
public final class Results {

    /** One run's value. */
    public record Sample(Metric metric, String target, int run, double value) {
    }

    private final List<Metric> metrics = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    public synchronized void record(Metric metric, String target, int run, double value) {
        if (!metrics.contains(metric)) metrics.add(metric);
        samples.add(new Sample(metric, target, run, value));
        System.err.printf("  %-12s %-40s run %d: %,.3f %s%n", target, metric.label(), run, value, metric.unit());
    }

    /** Declares a metric so it shows in the table even if no target produced a value. */
    public synchronized void declare(Metric metric) {
        if (!metrics.contains(metric)) metrics.add(metric);
    }

    /** Remembers why a target has no (or fewer) values for a metric. */
    public synchronized void note(Metric metric, String target, String why) {
        declare(metric);
        notes.merge(metric.id() + "/" + target, why, (a, b) -> a.contains(b) ? a : a + "; " + b);
        System.err.printf("  %-12s %-40s NOTE: %s%n", target, metric.label(), why);
    }

    public synchronized List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public synchronized Optional<String> noteFor(Metric metric, String target) {
        return Optional.ofNullable(notes.get(metric.id() + "/" + target));
    }

    /** Median over the runs of one target, empty if it has no value. */
    public synchronized Optional<Double> median(Metric metric, String target) {
        List<Double> values = samples.stream()
                .filter(s -> s.metric().equals(metric) && s.target().equals(target))
                .map(Sample::value).toList();
        return values.isEmpty() ? Optional.empty() : Optional.of(Samples.median(values));
    }

    public synchronized int runs(Metric metric, String target) {
        return (int) samples.stream().filter(s -> s.metric().equals(metric) && s.target().equals(target)).count();
    }
}
