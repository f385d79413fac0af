package dev.crossmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * What one benchmark run found, as written to {@code target/bench/results.json}: when, on what machine, how each
 * part ran, and every number under a stable key. A later run reads an earlier file to print the changes.
 *
 * @param schema  the file's format version
 * @param date    ISO-8601 instant the run started
 * @param command the arguments the run was given
 * @param machine cores, CPU, memory, OS and JVM
 * @param parts   per part: duration, load average before and after, notes
 * @param metrics every number, in the order of the table
 */
record BenchReport(int schema, String date, List<String> command, Machine machine, List<PartRun> parts, List<Metric> metrics) {
    static final int SCHEMA = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    BenchReport {
        command = List.copyOf(command);
        parts = List.copyOf(parts);
        metrics = List.copyOf(metrics);
    }

    Map<String, Metric> byKey() {
        Map<String, Metric> map = new LinkedHashMap<>();
        metrics.forEach(m -> map.put(m.key(), m));
        return map;
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
    }

    static BenchReport read(Path file) throws IOException {
        try {
            BenchReport report = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), BenchReport.class);
            if (report == null || report.metrics() == null) {
                throw new IOException(file + " is not a benchmark result (no metrics)");
            }
            return report;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a benchmark result: " + e.getMessage(), e);
        }
    }

    /** The table; with a previous run, each number's value there and the change in percent (+ is slower/larger). */
    void printTable(PrintStream out, BenchReport previous) {
        out.printf(Locale.ROOT, "%ncrossmesh benchmark, %s%n", date);
        out.printf(Locale.ROOT, "machine: %d cores%s, %s, %s, %s%n", machine.cores(), machine.cpu().isEmpty() ? "" : " (" + machine.cpu() + ")",
                machine.memoryBytes() > 0 ? String.format(Locale.ROOT, "%.1f GB", machine.memoryBytes() / 1e9) : "memory unknown", machine.os(), machine.jvm());
        if (previous != null) {
            out.printf(Locale.ROOT, "compared with: %s (%d cores, %s)%n", previous.date(), previous.machine().cores(), previous.machine().jvm());
        }
        Map<String, Metric> before = previous == null ? Map.of() : previous.byKey();
        int labelWidth = metrics.stream().mapToInt(m -> m.label().length()).max().orElse(20);
        String header = String.format(Locale.ROOT, "%-8s %-" + labelWidth + "s %12s %-9s", "part", "measurement", "value", "unit");
        if (previous != null) {
            header += String.format(Locale.ROOT, " %12s  %-12s", "previous", "change");
        }
        out.println();
        out.println(header);
        out.println("-".repeat(header.length()));
        String lastPart = "";
        for (Metric m : metrics) {
            String part = m.part().equals(lastPart) ? "" : m.part();
            lastPart = m.part();
            String line = String.format(Locale.ROOT, "%-8s %-" + labelWidth + "s %12s %-9s", part, m.label(), format(m.value()), m.unit());
            Metric old = before.get(m.key());
            if (old != null) {
                line += String.format(Locale.ROOT, " %12s  %-12s", format(old.value()), change(old.value(), m.value(), m.better()));
            } else if (previous != null) {
                line += String.format(Locale.ROOT, " %12s  %-12s", "-", "new");
            }
            out.println(line);
        }
        out.println();
        for (PartRun p : parts) {
            out.printf(Locale.ROOT, "%-8s %5.0f s, load average %s -> %s%n", p.part(), p.seconds(), loads(p.loadBefore()), loads(p.loadAfter()));
            p.notes().forEach(n -> out.println("         " + n));
        }
    }

    static String format(double value) {
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e9) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String change(double old, double now, String better) {
        if (old == 0) {
            return now == 0 ? "0%" : "n/a";
        }
        double percent = (now - old) / Math.abs(old) * 100;
        String mark = "";
        if (Math.abs(percent) >= 10 && !"none".equals(better)) {
            boolean improved = "lower".equals(better) ? percent < 0 : percent > 0;
            mark = improved ? " better" : " worse";
        }
        return String.format(Locale.ROOT, "%+.0f%%%s", percent, mark);
    }

    private static String loads(List<Double> load) {
        List<String> parts = new ArrayList<>();
        load.forEach(l -> parts.add(String.format(Locale.ROOT, "%.2f", l)));
        return parts.isEmpty() ? "?" : String.join(" ", parts);
    }
}
