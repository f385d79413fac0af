package dev.crossmesh.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One-shot commands, each a new JVM as a user types it: {@code contexts}, {@code validate}, and {@code status} of a
 * 3-cluster demo mesh running (healthy) in a process of its own, beside {@code java -version} started the same way as
 * the floor that no command can go under. Each is timed from outside ({@link TimedRun}): wall, CPU, largest resident set.
 * They take turns, after one discarded round that fills the file cache.
 */
final class CliBench {
    private CliBench() {
    }

    /** @param withoutCds where not null, each command also runs without the AppCDS archive, under keys ending in {@code _no_cds} */
    static List<Metric> run(ChildJava java, ChildJava withoutCds, Path work, int runs, boolean warmUp, PrintStream log) throws Exception {
        try (DemoMesh mesh = DemoMesh.start(java, work, 3, log)) {
            Path home = work.resolve("cli-home").toAbsolutePath();
            List<String> jvm = List.of("-Dcrossmesh.home=" + home);
            Map<String, List<String>> commands = new java.util.LinkedHashMap<>();
            commands.put("java_version", null);
            commands.put("contexts", List.of("contexts", "--kubeconfig", mesh.kubeconfig().toString()));
            commands.put("validate", List.of("validate", "--plan", mesh.planFile().toString()));
            commands.put("status", List.of("status", "--plan", mesh.planFile().toString(), "--kubeconfig", mesh.kubeconfig().toString()));
            if (withoutCds != null) {
                for (String c : List.of("contexts", "validate", "status")) {
                    commands.put(c + "_no_cds", commands.get(c));
                }
            }
            Map<String, List<TimedRun>> results = new java.util.LinkedHashMap<>();
            commands.keySet().forEach(k -> results.put(k, new ArrayList<>()));
            for (int i = warmUp ? -1 : 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    ProcessBuilder builder = c.getValue() == null
                            ? new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                            : (c.getKey().endsWith("_no_cds") ? withoutCds : java).command(jvm, StartupBench.WIZARD_MAIN, c.getValue(), Map.of());
                    TimedRun r = TimedRun.of(builder, work.resolve("logs"), "cli-" + c.getKey() + "-" + i, 120);
                    if (c.getKey().startsWith("status") && r.exitCode() != 0) {
                        throw new IllegalStateException("status of the healthy demo mesh exited " + r.exitCode() + ":\n" + r.stdout());
                    }
                    if (i >= 0) {
                        results.get(c.getKey()).add(r);
                    }
                }
                if (i >= 0) {
                    StringBuilder line = new StringBuilder("  round " + (i + 1) + ":");
                    results.forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.0f ms (CPU %.0f ms)", k, v.get(v.size() - 1).wallMillis(),
                            v.get(v.size() - 1).cpuMillis())));
                    log.println(line + ", load " + Machine.loadAverage());
                }
            }
            String of = " (median of " + runs + ")";
            double floor = Stats.median(results.get("java_version").stream().map(TimedRun::wallMillis).toList());
            List<Metric> metrics = new ArrayList<>();
            for (Map.Entry<String, List<TimedRun>> e : results.entrySet()) {
                String key = "cli." + e.getKey();
                String command = e.getKey().replace("_no_cds", "");
                String what = e.getKey().equals("java_version") ? "java -version (the floor)" : "crossmesh " + command
                        + (command.equals("status") ? " of 3 demo clusters" : "") + (e.getKey().endsWith("_no_cds") ? " without the AppCDS archive" : "");
                List<Double> wall = e.getValue().stream().map(TimedRun::wallMillis).toList();
                List<Double> cpu = e.getValue().stream().map(TimedRun::cpuMillis).toList();
                List<Double> rss = e.getValue().stream().map(TimedRun::maxRssMb).toList();
                metrics.add(Metric.lower(key + ".wall_ms", "cli", what + ": new JVM to exit" + of, Stats.median(wall), "ms", wall));
                metrics.add(Metric.lower(key + ".cpu_ms", "cli", what + ": CPU time" + of, Stats.median(cpu), "ms", cpu));
                metrics.add(Metric.lower(key + ".rss_mb", "cli", what + ": largest resident set" + of, Stats.median(rss), "MB", rss));
                if (!e.getKey().equals("java_version")) {
                    metrics.add(Metric.lower(key + ".after_jvm_ms", "cli", what + ": wall time over java -version", Stats.median(wall) - floor, "ms"));
                }
            }
            return metrics;
        }
    }
}
