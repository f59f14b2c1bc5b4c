package org.xmppsfs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the results: a Markdown table with every figure and every ratio ours / peer, a summary CSV, the raw
 * per-run CSV, and gnuplot data plus script for a bar chart of the throughput ratios.
 */
public final class ReportWriter {

    private final BenchSettings settings;
    private final Results results;
    private final List<String> columns = new ArrayList<>();
    private final String ours;

    public ReportWriter(BenchSettings settings, Results results) {
        this.settings = settings;
        this.results = results;
        settings.targets().forEach(t -> columns.add(t.name()));
        settings.absent().keySet().stream().filter(n -> !columns.contains(n)).forEach(columns::add);
        this.ours = settings.targets().stream().filter(Target::ours).map(Target::name).findFirst()
                .orElse(settings.absent().containsKey("ours") ? "ours" : null);
    }

    private List<String> peers() {
        return columns.stream().filter(c -> !c.equals(ours)).toList();
    }

    public void writeAll() throws IOException {
        Files.createDirectories(settings.outDir());
        Files.writeString(settings.outDir().resolve("results.md"), markdown());
        Files.writeString(settings.outDir().resolve("results.csv"), summaryCsv());
        Files.writeString(settings.outDir().resolve("results-raw.csv"), rawCsv());
        Files.writeString(settings.outDir().resolve("ratios.dat"), ratioData());
        Files.writeString(settings.outDir().resolve("ratios.gp"), gnuplotScript());
    }

    Optional<Double> ratio(Metric m, String peer) {
        if (ours == null) return Optional.empty();
        Optional<Double> a = results.median(m, ours);
        Optional<Double> b = results.median(m, peer);
        if (a.isEmpty() || b.isEmpty() || b.get() == 0) return Optional.empty();
        return Optional.of(a.get() / b.get());
    }

    private String cell(Metric m, String target) {
        if (settings.absent().containsKey(target)) return "n/a (" + settings.absent().get(target) + ")";
        Optional<Double> v = results.median(m, target);
        if (v.isEmpty()) return results.noteFor(m, target).isPresent() ? "failed¹" : "–";
        return number(v.get()) + (results.noteFor(m, target).isPresent() ? "¹" : "");
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        double a = Math.abs(v);
        if (a >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(settings.title()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Each figure is the median of %d run%s. Ratios are ours / peer, from this same run; "
                + "for rows marked ↓ (lower is better) a ratio below 1 means ours is ahead.%n%n",
                settings.runs(), settings.runs() == 1 ? "" : "s"));
        sb.append("| workload | unit |");
        columns.forEach(c -> sb.append(' ').append(c).append(" |"));
        if (ours != null) peers().forEach(p -> sb.append(' ').append(ours).append(" / ").append(p).append(" |"));
        sb.append("\n|---|---|");
        columns.forEach(c -> sb.append("---:|"));
        if (ours != null) peers().forEach(p -> sb.append("---:|"));
        sb.append('\n');
        for (Metric m : results.metrics()) {
            sb.append("| ").append(m.label()).append(m.higherIsBetter() ? " ↑" : " ↓").append(" | ").append(m.unit()).append(" |");
            columns.forEach(c -> sb.append(' ').append(cell(m, c)).append(" |"));
            if (ours != null) {
                peers().forEach(p -> sb.append(' ').append(ratio(m, p).map(r -> number(r) + "×").orElse("–")).append(" |"));
            }
            sb.append('\n');
        }
        List<String> notes = new ArrayList<>();
        for (Metric m : results.metrics()) {
            for (String c : columns) {
                results.noteFor(m, c).ifPresent(n -> notes.add("- " + c + ", " + m.label() + ": " + n));
            }
        }
        if (!notes.isEmpty()) {
            sb.append("\n¹ Notes:\n\n");
            notes.forEach(n -> sb.append(n).append('\n'));
        }
        return sb.toString();
    }

    String summaryCsv() {
        StringBuilder sb = new StringBuilder("metric,label,unit,higher_is_better,target,median,runs,ratio_ours_over_target,note\n");
        for (Metric m : results.metrics()) {
            for (String c : columns) {
                Optional<Double> v = results.median(m, c);
                String ratio = c.equals(ours) ? "" : ratio(m, c).map(r -> String.format(Locale.ROOT, "%.4f", r)).orElse("");
                String note = settings.absent().containsKey(c) ? "n/a (" + settings.absent().get(c) + ")" : results.noteFor(m, c).orElse("");
                sb.append(csv(m.id())).append(',').append(csv(m.label())).append(',').append(csv(m.unit())).append(',')
                        .append(m.higherIsBetter()).append(',').append(csv(c)).append(',')
                        .append(v.map(x -> String.format(Locale.ROOT, "%.4f", x)).orElse("")).append(',')
                        .append(results.runs(m, c)).append(',').append(ratio).append(',').append(csv(note)).append('\n');
            }
        }
        return sb.toString();
    }

    String rawCsv() {
        StringBuilder sb = new StringBuilder("metric,unit,target,run,value\n");
        for (Results.Sample s : results.samples()) {
            sb.append(csv(s.metric().id())).append(',').append(csv(s.metric().unit())).append(',').append(csv(s.target()))
                    .append(',').append(s.run()).append(',').append(String.format(Locale.ROOT, "%.6f", s.value())).append('\n');
        }
        return sb.toString();
    }

    /** Throughput rows only (↑), one column per peer; gnuplot reads "NaN" as missing. */
    String ratioData() {
        StringBuilder sb = new StringBuilder("workload");
        peers().forEach(p -> sb.append('\t').append('"').append(ours).append('/').append(p).append('"'));
        sb.append('\n');
        if (ours == null) return sb.toString();
        for (Metric m : results.metrics()) {
            if (!m.higherIsBetter()) continue;
            if (peers().stream().allMatch(p -> ratio(m, p).isEmpty())) continue;
            sb.append('"').append(shortLabel(m)).append('"');
            peers().forEach(p -> sb.append('\t').append(ratio(m, p).map(r -> String.format(Locale.ROOT, "%.4f", r)).orElse("NaN")));
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String shortLabel(Metric m) {
        return switch (m.id()) {
            case "put_big" -> "large PUT";
            case "get_big" -> "large GET";
            case "small_uploads" -> "small uploads";
            case "slots_seq" -> "slots, 1 in flight";
            case "slots_pipelined" -> "slots, pipelined";
            case "fanout_rate" -> "concurrent GETs";
            case "pings_pipelined" -> "ping ceiling";
            default -> m.id();
        };
    }

    String gnuplotScript() {
        int series = ratioData().lines().count() > 1 ? peers().size() : 0; // no throughput row, nothing to plot
        return "# gnuplot -c ratios.gp  (run in this directory): bar chart of ours / peer for the throughput rows\n"
                + "set terminal pngcairo size 1100,600 noenhanced font 'sans,10'\n"
                + "set output 'ratios.png'\n"
                + "set title '" + settings.title().replace("'", "") + ": throughput ours / peer (above 1 = ours faster)'\n"
                + "set style data histogram\nset style histogram cluster gap 1\nset style fill solid 0.8 border -1\n"
                + "set boxwidth 0.9\nset datafile missing 'NaN'\nset logscale y 2\nset grid ytics\n"
                + "set ylabel 'ratio (log scale)'\nset xtics rotate by -20\nset key outside right top\n"
                + "set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 lc rgb 'black'\n"
                + (series == 0 ? "set xrange [0:1]\nplot 1 title 'no throughput ratios in this run'\n"
                : "plot for [i=2:" + (series + 1) + "] 'ratios.dat' using i:xtic(1) title columnheader(i)\n");
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
