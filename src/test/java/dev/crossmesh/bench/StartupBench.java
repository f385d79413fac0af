package dev.crossmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.crossmesh.ProcessUsage;
import dev.crossmesh.ui.FirstFrameProbe;

/**
 * Start-up: from the moment a new JVM is asked for to the first frame of the wizard's window, against the same for a
 * minimal JavaFX window started the same way, so that the ratio leaves out how fast the machine is. Each run is a fresh
 * process, headless through Monocle; the wizard and the minimal window take turns, after one discarded pair that
 * fills the file cache. The child reports the time and its resident set itself ({@link FirstFrameProbe}).
 */
final class StartupBench {
    static final String WIZARD_MAIN = "dev.crossmesh.Launcher";
    static final String MINIMAL_MAIN = "dev.crossmesh.ui.MinimalWindow";
    private static final long TIMEOUT_MILLIS = 60_000;

    /** One start: milliseconds to the first frame, of them how long the shown window was blank, and what the process held then. */
    record Start(double millis, double blankMillis, ProcessUsage memory) {
    }

    private StartupBench() {
    }

    /**
     * @param withoutCds where not null, the same starts without the AppCDS archive take turns with {@code java}'s,
     *                   under keys ending in {@code _no_cds}
     */
    static List<Metric> run(ChildJava java, ChildJava withoutCds, Path work, int runs, boolean warmUp, PrintStream log)
            throws IOException, InterruptedException {
        Path kubeconfig = writeKubeconfig(work.resolve("kubeconfig"));
        Map<String, ChildJava> variants = new java.util.LinkedHashMap<>();
        variants.put("", java);
        if (withoutCds != null) {
            variants.put("_no_cds", withoutCds);
        }
        Map<String, List<Start>> wizard = new java.util.LinkedHashMap<>();
        Map<String, List<Start>> minimal = new java.util.LinkedHashMap<>();
        variants.keySet().forEach(v -> {
            wizard.put(v, new ArrayList<>());
            minimal.put(v, new ArrayList<>());
        });
        for (int i = warmUp ? -1 : 0; i < runs; i++) {
            // alternate which goes first, so that a change in the machine's load falls on both alike
            boolean wizardFirst = i % 2 == 0;
            for (Map.Entry<String, ChildJava> v : variants.entrySet()) {
                for (int turn = 0; turn < 2; turn++) {
                    boolean isWizard = (turn == 0) == wizardFirst;
                    Start start = startOnce(v.getValue(), work, kubeconfig, isWizard ? WIZARD_MAIN : MINIMAL_MAIN,
                            (isWizard ? "wizard" : "minimal") + v.getKey() + "-" + i);
                    if (i >= 0) {
                        (isWizard ? wizard : minimal).get(v.getKey()).add(start);
                    }
                }
                if (i >= 0) {
                    Start w = last(wizard.get(v.getKey()));
                    Start m = last(minimal.get(v.getKey()));
                    log.printf(Locale.ROOT, "  start-up run %d%s: wizard %.0f ms (CPU %.0f ms, blank %.0f ms), minimal window %.0f ms (CPU %.0f ms), load %s%n",
                            i + 1, v.getKey(), w.millis(), w.memory().cpuMicros() / 1000.0, w.blankMillis(), m.millis(), m.memory().cpuMicros() / 1000.0,
                            Machine.loadAverage());
                }
            }
        }
        String of = " (median of " + runs + ")";
        List<Metric> metrics = new ArrayList<>();
        for (String v : variants.keySet()) {
            String also = v.isEmpty() ? "" : ", without the AppCDS archive";
            List<Start> ws = wizard.get(v);
            List<Start> ms = minimal.get(v);
            List<Double> wizardMillis = ws.stream().map(Start::millis).toList();
            List<Double> minimalMillis = ms.stream().map(Start::millis).toList();
            double wizardMedian = Stats.median(wizardMillis);
            double minimalMedian = Stats.median(minimalMillis);
            metrics.add(Metric.lower("startup.wizard.first_frame_ms" + v, "startup", "wizard: new JVM to first frame" + also + of, wizardMedian, "ms", wizardMillis));
            metrics.add(Metric.lower("startup.minimal.first_frame_ms" + v, "startup", "minimal JavaFX window, the same way" + also + of, minimalMedian, "ms",
                    minimalMillis));
            metrics.add(Metric.lower("startup.ratio" + v, "startup", "wizard / minimal window" + also, wizardMedian / minimalMedian, "x"));
            List<Double> blank = ws.stream().map(Start::blankMillis).toList();
            metrics.add(Metric.lower("startup.wizard.blank_ms" + v, "startup", "wizard: window shown to its first frame (blank meanwhile)" + also + of,
                    Stats.median(blank), "ms", blank));
            // CPU time until the first frame: what start-up costs, less disturbed than the wall clock by other work on the machine
            List<Double> wizardCpu = cpuMillis(ws);
            List<Double> minimalCpu = cpuMillis(ms);
            if (!wizardCpu.isEmpty() && !minimalCpu.isEmpty()) {
                metrics.add(Metric.lower("startup.wizard.cpu_ms" + v, "startup", "wizard: CPU time to first frame" + also + of, Stats.median(wizardCpu), "ms", wizardCpu));
                metrics.add(Metric.lower("startup.minimal.cpu_ms" + v, "startup", "minimal window: CPU time to first frame" + also + of, Stats.median(minimalCpu), "ms",
                        minimalCpu));
                metrics.add(Metric.lower("startup.cpu_ratio" + v, "startup", "wizard / minimal window, CPU time" + also, Stats.median(wizardCpu) / Stats.median(minimalCpu),
                        "x"));
            }
        }
        List<Start> ws = wizard.get("");
        List<Start> ms = minimal.get("");
        metrics.add(Metric.lower("memory.wizard.rss_mb", "memory", "wizard: resident set at first frame" + of, Stats.median(mb(ws, true)), "MB", mb(ws, true)));
        metrics.add(Metric.lower("memory.wizard.heap_mb", "memory", "wizard: heap after GC at first frame" + of, Stats.median(mb(ws, false)), "MB", mb(ws, false)));
        metrics.add(Metric.lower("memory.minimal.rss_mb", "memory", "minimal window: resident set at first frame" + of, Stats.median(mb(ms, true)), "MB",
                mb(ms, true)));
        return metrics;
    }

    private static Start last(List<Start> starts) {
        return starts.get(starts.size() - 1);
    }

    /** Empty where the JVM cannot tell its CPU time. */
    private static List<Double> cpuMillis(List<Start> starts) {
        if (starts.stream().anyMatch(s -> s.memory().cpuMicros() < 0)) {
            return List.of();
        }
        return starts.stream().map(s -> s.memory().cpuMicros() / 1000.0).toList();
    }

    /** Where /proc is missing the resident set is -1: the heap after GC stands in, as the JSON's samples show. */
    private static List<Double> mb(List<Start> starts, boolean rss) {
        return starts.stream().map(s -> (rss && s.memory().rssBytes() >= 0 ? s.memory().rssBytes() : s.memory().heapBytes()) / 1e6).toList();
    }

    static Start startOnce(ChildJava java, Path work, Path kubeconfig, String mainClass, String name) throws IOException, InterruptedException {
        Path home = work.resolve("home");
        deleteTree(home);
        List<String> jvm = new ArrayList<>(ChildJava.HEADLESS_FX);
        jvm.add("-D" + FirstFrameProbe.PROPERTY + "=exit");
        jvm.add("-Dcrossmesh.home=" + home.toAbsolutePath());
        ProcessBuilder builder = java.command(jvm, mainClass, List.of(), Map.of("KUBECONFIG", kubeconfig.toAbsolutePath().toString()));
        long t0 = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        ChildLines child = ChildLines.start(builder, work.resolve("logs").resolve(name + ".err"));
        try {
            String line = child.await(l -> l.startsWith(FirstFrameProbe.PREFIX), TIMEOUT_MILLIS, "first frame line");
            long at = Long.parseLong(line.replaceAll(".*\\bat=(\\d+).*", "$1"));
            long shown = Long.parseLong(line.replaceAll(".*\\bshown=(\\d+).*", "$1"));
            return new Start((at - t0) / 1000.0, (at - shown) / 1000.0, ProcessUsage.parse(line));
        } finally {
            child.finish(10_000);
        }
    }

    /**
     * What a user has: a kubeconfig with a few contexts. Their servers do not answer, and nothing is picked at
     * start, so nothing is asked of them; the wizard reads and lists them.
     */
    static Path writeKubeconfig(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: staging-eu\nclusters:\n");
        String[] names = {"staging-eu", "staging-us", "prod-asia"};
        for (int i = 0; i < names.length; i++) {
            yaml.append("- name: ").append(names[i]).append("\n  cluster:\n    server: https://127.0.0.1:").append(9 + i).append('\n');
        }
        yaml.append("users:\n- name: bench\n  user:\n    token: not-a-real-token\ncontexts:\n");
        for (String name : names) {
            yaml.append("- name: ").append(name).append("\n  context:\n    cluster: ").append(name).append("\n    user: bench\n");
        }
        Files.writeString(file, yaml);
        return file;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
