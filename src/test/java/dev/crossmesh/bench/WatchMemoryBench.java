package dev.crossmesh.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.crossmesh.ProcessUsage;

/**
 * Memory with clusters watched: {@code crossmesh demo --headless} runs the clusters in a process of its own (with its
 * simulated control plane, so that the applied mesh turns healthy), this JVM applies a plan to them, and a third
 * process ({@link WatchMemoryProbe}) watches them with a status monitor and reports its resident set, heap after GC and
 * threads, before and while watching.
 */
final class WatchMemoryBench {
    private WatchMemoryBench() {
    }

    static List<Metric> run(ChildJava java, Path work, int clusters, double settleSeconds, PrintStream log) throws Exception {
        try (DemoMesh mesh = DemoMesh.start(java, work, clusters, log)) {
            ProcessBuilder probeCommand = java.command(List.of(), WatchMemoryProbe.class.getName(),
                    List.of(mesh.planFile().toString(), mesh.kubeconfig().toString(), String.valueOf(settleSeconds)), Map.of());
            ChildLines probe = ChildLines.start(probeCommand, work.resolve("logs").resolve("watch-probe.err"));
            try {
                ProcessUsage idle = ProcessUsage.parse(probe.await(l -> l.startsWith(WatchMemoryProbe.PREFIX + " idle"), 60_000, "idle sample"));
                String line = probe.await(l -> l.startsWith(WatchMemoryProbe.PREFIX + " watching"), 120_000, "watching sample");
                ProcessUsage watching = ProcessUsage.parse(line);
                boolean healthy = line.contains("healthy=true");
                log.printf(Locale.ROOT, "  watching %d clusters (%s): %s; before watching: %s%n", clusters, healthy ? "healthy" : "NOT healthy: " + line,
                        watching.toLine(), idle.toLine());
                String key = "memory.watch_" + clusters;
                String what = clusters + " clusters watched";
                List<Metric> metrics = new ArrayList<>();
                metrics.add(Metric.lower(key + ".rss_mb", "memory", what + ": resident set", mb(watching), "MB"));
                metrics.add(Metric.lower(key + ".heap_mb", "memory", what + ": heap after GC", watching.heapBytes() / 1e6, "MB"));
                metrics.add(Metric.lower(key + ".threads", "memory", what + ": threads", watching.threads(), "threads"));
                metrics.add(Metric.lower("memory.watch_none.rss_mb", "memory", "same process, nothing watched: resident set", mb(idle), "MB"));
                metrics.add(Metric.lower("memory.watch_none.heap_mb", "memory", "same process, nothing watched: heap after GC", idle.heapBytes() / 1e6, "MB"));
                metrics.add(Metric.info(key + ".healthy", "memory", what + ": status healthy (1 yes, 0 no)", healthy ? 1 : 0, "flag"));
                return metrics;
            } finally {
                probe.finish(10_000);
            }
        }
    }

    /** The resident set where the OS gives it, else the heap after GC. */
    private static double mb(ProcessUsage m) {
        return (m.rssBytes() >= 0 ? m.rssBytes() : m.heapBytes()) / 1e6;
    }
}
