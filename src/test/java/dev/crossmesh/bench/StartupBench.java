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

    /** One start: milliseconds to the first frame, and what the process held then. */
    record Start(double millis, ProcessUsage memory) {
    }

    private StartupBench() {
    }

    static List<Metric> run(ChildJava java, Path work, int runs, boolean warmUp, PrintStream log) throws IOException, InterruptedException {
        Path kubeconfig = writeKubeconfig(work.resolve("kubeconfig"));
        List<Start> wizard = new ArrayList<>();
        List<Start> minimal = new ArrayList<>();
        for (int i = warmUp ? -1 : 0; i < runs; i++) {
            // alternate which goes first, so that a change in the machine's load falls on both alike
            boolean wizardFirst = i % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                boolean isWizard = (turn == 0) == wizardFirst;
                Start start = startOnce(java, work, kubeconfig, isWizard ? WIZARD_MAIN : MINIMAL_MAIN, (isWizard ? "wizard-" : "minimal-") + i);
                if (i >= 0) {
                    (isWizard ? wizard : minimal).add(start);
                }
            }
            if (i >= 0) {
                Start w = wizard.get(wizard.size() - 1);
                Start m = minimal.get(minimal.size() - 1);
                log.printf(Locale.ROOT, "  start-up run %d: wizard %.0f ms (CPU %.0f ms), minimal window %.0f ms (CPU %.0f ms), load %s%n", i + 1,
                        w.millis(), w.memory().cpuMicros() / 1000.0, m.millis(), m.memory().cpuMicros() / 1000.0, Machine.loadAverage());
            }
        }
        List<Double> wizardMillis = wizard.stream().map(Start::millis).toList();
        List<Double> minimalMillis = minimal.stream().map(Start::millis).toList();
        double wizardMedian = Stats.median(wizardMillis);
        double minimalMedian = Stats.median(minimalMillis);
        String of = " (median of " + runs + ")";
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.lower("startup.wizard.first_frame_ms", "startup", "wizard: new JVM to first frame" + of, wizardMedian, "ms", wizardMillis));
        metrics.add(Metric.lower("startup.minimal.first_frame_ms", "startup", "minimal JavaFX window, the same way" + of, minimalMedian, "ms", minimalMillis));
        metrics.add(Metric.lower("startup.ratio", "startup", "wizard / minimal window", wizardMedian / minimalMedian, "x"));
        // CPU time until the first frame: what start-up costs, less disturbed than the wall clock by other work on the machine
        List<Double> wizardCpu = cpuMillis(wizard);
        List<Double> minimalCpu = cpuMillis(minimal);
        if (!wizardCpu.isEmpty() && !minimalCpu.isEmpty()) {
            metrics.add(Metric.lower("startup.wizard.cpu_ms", "startup", "wizard: CPU time to first frame" + of, Stats.median(wizardCpu), "ms", wizardCpu));
            metrics.add(Metric.lower("startup.minimal.cpu_ms", "startup", "minimal window: CPU time to first frame" + of, Stats.median(minimalCpu), "ms", minimalCpu));
            metrics.add(Metric.lower("startup.cpu_ratio", "startup", "wizard / minimal window, CPU time", Stats.median(wizardCpu) / Stats.median(minimalCpu), "x"));
        }
        metrics.add(Metric.lower("memory.wizard.rss_mb", "memory", "wizard: resident set at first frame" + of,
                Stats.median(mb(wizard, true)), "MB", mb(wizard, true)));
        metrics.add(Metric.lower("memory.wizard.heap_mb", "memory", "wizard: heap after GC at first frame" + of, Stats.median(mb(wizard, false)), "MB", mb(wizard, false)));
        metrics.add(Metric.lower("memory.minimal.rss_mb", "memory", "minimal window: resident set at first frame" + of,
                Stats.median(mb(minimal, true)), "MB", mb(minimal, true)));
        return metrics;
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
            return new Start((at - t0) / 1000.0, ProcessUsage.parse(line));
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
