package dev.crossmesh.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.render.Labels;
import dev.crossmesh.status.MeshFixture;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusMonitor;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Status latency: how long a change in a cluster takes to reach a published {@link MeshStatus}. A change is a new
 * load-balancer address on a cluster's east-west gateway Service, set through {@code updateStatus()} as a cloud
 * controller would; the clock starts just before that request and stops when a subscriber gets the first snapshot
 * that shows the address (so it includes the API request, the watch event, the snapshot build and the findings).
 * Changes go round the clusters, each made a gap after the previous one was seen: 600 ms, so that it meets an idle
 * monitor, or 100 ms, so that it often lands within 250 ms of the previous snapshot (each new address also brings a
 * probe result, hence a second snapshot) and waits for the coalescing window. Demo API servers in this JVM.
 */
final class StatusLatencyBench {
    /** 600 ms: the monitor is idle when the change comes (its last snapshot is older than the 250 ms window). 100 ms: it is busy. */
    static final long[] GAPS_MILLIS = {600, 100};

    record Row(int clusters, long gapMillis, List<Double> millis, long snapshots) {
    }

    private StatusLatencyBench() {
    }

    static List<Metric> run(int[] sizes, int changes, PrintStream log) throws Exception {
        List<Metric> metrics = new ArrayList<>();
        for (int size : sizes) {
            for (Row row : measure(size, changes)) {
                String key = "status.clusters_" + size + "." + (row.gapMillis() >= 250 ? "idle" : "busy");
                String what = size + " clusters, " + (row.gapMillis() >= 250 ? "idle" : "busy") + " monitor: change to snapshot";
                log.printf(Locale.ROOT, "  status %d clusters, gap %d ms: median %.1f ms, p95 %.1f ms, max %.1f ms, %d snapshots for %d changes%n", size,
                        row.gapMillis(), Stats.median(row.millis()), Stats.percentile(row.millis(), 95), Stats.max(row.millis()), row.snapshots(), changes);
                metrics.add(Metric.lower(key + ".median_ms", "status", what + ", median", Stats.median(row.millis()), "ms", row.millis()));
                metrics.add(Metric.lower(key + ".p95_ms", "status", what + ", p95", Stats.percentile(row.millis(), 95), "ms"));
                metrics.add(Metric.lower(key + ".max_ms", "status", what + ", max", Stats.max(row.millis()), "ms"));
                metrics.add(Metric.info(key + ".snapshots", "status", size + " clusters, " + (row.gapMillis() >= 250 ? "idle" : "busy")
                        + " monitor: snapshots published", row.snapshots(), "count"));
            }
        }
        return metrics;
    }

    static List<Row> measure(int size, int changes) throws Exception {
        Path dir = Files.createTempDirectory("crossmesh-bench-status");
        List<Row> rows = new ArrayList<>();
        try (MeshFixture mesh = MeshFixture.start(size, dir)) {
            mesh.installHealthy();
            try (StatusMonitor monitor = StatusMonitor.start(mesh.plan, mesh.clients())) {
                MeshStatus settled = monitor.awaitSettled(Duration.ofSeconds(60));
                if (!settled.healthy()) {
                    throw new IllegalStateException("the bench mesh is not healthy: " + settled.findings());
                }
                int done = 0;
                for (long gap : GAPS_MILLIS) {
                    rows.add(measure(mesh, monitor, size, changes, gap, done));
                    done += changes;
                }
            }
        } finally {
            StartupBench.deleteTree(dir);
        }
        return rows;
    }

    private static Row measure(MeshFixture mesh, StatusMonitor monitor, int size, int changes, long gapMillis, int offset) throws Exception {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        try (StatusMonitor.Subscription ignored = monitor.subscribe(s -> {
            long now = System.nanoTime();
            s.clusters().forEach(c -> seen.putIfAbsent(c.name() + "=" + c.gateway().address(), now));
        })) {
            long snapshotsBefore = monitor.snapshotCount();
            List<Double> millis = new ArrayList<>();
            List<ClusterSpec> clusters = mesh.plan.clusters();
            for (int n = 0; n < changes; n++) {
                int i = offset + n;
                ClusterSpec c = clusters.get(i % clusters.size());
                String address = "127.1." + (i / 250) + "." + (i % 250 + 1);
                KubernetesClient k = mesh.admin(c.name());
                Service svc = k.services().inNamespace(Labels.ISTIO_NAMESPACE).withName(Labels.EASTWEST_NAME).get();
                svc.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                        .withIngress(new LoadBalancerIngressBuilder().withIp(address).build()).endLoadBalancer().build());
                String key = c.name() + "=" + address;
                long t0 = System.nanoTime();
                k.services().inNamespace(Labels.ISTIO_NAMESPACE).resource(svc).updateStatus();
                long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
                while (!seen.containsKey(key)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no snapshot showed " + key + " within 30 s");
                    }
                    Thread.sleep(0, 200_000);
                }
                millis.add((seen.get(key) - t0) / 1e6);
                Thread.sleep(gapMillis);
            }
            return new Row(size, gapMillis, millis, monitor.snapshotCount() - snapshotsBefore);
        }
    }
}
