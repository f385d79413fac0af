package dev.crossmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.crossmesh.ProcessUsage;
import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.ApplyResult;
import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.kube.MeshApplier;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanWriter;

/**
 * Memory with clusters watched: {@code crossmesh demo --headless} runs the clusters in a process of its own (with its
 * simulated control plane, so that the applied mesh turns healthy), this JVM applies a plan to them, and a third
 * process ({@link WatchMemoryProbe}) watches them with a status monitor and reports its resident set, heap after GC and
 * threads, before and while watching.
 */
final class WatchMemoryBench {
    private static final long READY_TIMEOUT_MILLIS = 120_000;

    private WatchMemoryBench() {
    }

    static List<Metric> run(ChildJava java, Path work, int clusters, double settleSeconds, PrintStream log) throws Exception {
        Path kubeconfig = work.resolve("demo").resolve("kubeconfig").toAbsolutePath();
        ProcessBuilder demoCommand = java.command(List.of("-Dcrossmesh.home=" + work.resolve("demo-home").toAbsolutePath()), StartupBench.WIZARD_MAIN,
                List.of("demo", "--headless", "--clusters", String.valueOf(clusters), "--kubeconfig", kubeconfig.toString(), "--delay", "0.2"), Map.of());
        long t0 = System.nanoTime();
        ChildLines demo = ChildLines.start(demoCommand, work.resolve("logs").resolve("demo.err"));
        try {
            List<ClusterSpec> specs = new ArrayList<>();
            for (int i = 1; i <= clusters; i++) {
                String line = demo.await(l -> l.startsWith("demo-cluster-"), READY_TIMEOUT_MILLIS, "cluster line");
                String region = line.replaceAll(".*\\bregion=(\\S+).*", "$1");
                specs.add(new ClusterSpec("cluster-" + i, line.split("\\s+")[0], "net-" + i).withRegion(region));
            }
            demo.await("ready"::equals, READY_TIMEOUT_MILLIS, "ready");
            MeshPlan plan = MeshPlan.of("bench", specs);
            Path planFile = work.resolve("watch-plan.yaml");
            PlanWriter.write(plan, planFile);
            long t1 = System.nanoTime();
            applyPlan(plan, kubeconfig, work.resolve("certs"));
            long t2 = System.nanoTime();
            log.printf(Locale.ROOT, "  %d demo clusters in a process of their own, ready in %.1f s; the plan applied in %.1f s%n", clusters,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);

            ProcessBuilder probeCommand = java.command(List.of(), WatchMemoryProbe.class.getName(),
                    List.of(planFile.toAbsolutePath().toString(), kubeconfig.toString(), String.valueOf(settleSeconds)), Map.of());
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
        } finally {
            demo.process().getOutputStream().close();
            demo.finish(20_000);
        }
    }

    /** The resident set where the OS gives it, else the heap after GC. */
    private static double mb(ProcessUsage m) {
        return (m.rssBytes() >= 0 ? m.rssBytes() : m.heapBytes()) / 1e6;
    }

    private static void applyPlan(MeshPlan plan, Path kubeconfig, Path certDir) throws IOException {
        try (ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(kubeconfig)))) {
            ApplyResult result = new MeshApplier(clients).apply(dev.crossmesh.kube.Rendered.rollout(plan, CertStore.forPlan(plan, certDir, KeyType.EC_P256)),
                    ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(60)), e -> { }, CancelToken.none());
            if (!result.succeeded()) {
                throw new IllegalStateException("applying the plan to the demo clusters failed: " + result);
            }
        }
    }
}
