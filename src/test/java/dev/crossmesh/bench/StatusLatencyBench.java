package dev.crossmesh.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * How long a change in a cluster takes to reach a published {@link MeshStatus}, and what watching 10 clusters costs.
 * Not a test: nothing fails on time. Run it (see the README's Performance section):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) dev.crossmesh.bench.StatusLatencyBench [changes] [clusters...]
 * </pre>
 * A change is a new load-balancer address on a cluster's east-west gateway Service, set through {@code updateStatus()}
 * as a cloud controller would; the clock starts just before that request and stops when a subscriber gets the first
 * snapshot that shows the address. Changes go round the clusters, each made a gap after the previous one was seen:
 * 600 ms, so that it meets an idle monitor, or 100 ms, so that it often lands within 250 ms of the previous snapshot
 * (each new address also brings a probe result, hence a second snapshot) and waits for the coalescing window.
 */
public final class StatusLatencyBench {
    /** 600 ms: the monitor is idle when the change comes (its last snapshot is older than the 250 ms window). 100 ms: it is busy. */
    private static final long[] GAPS_MILLIS = {600, 100};

    private StatusLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int[] sizes = args.length > 1 ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[] {2, 10};
        System.out.printf("crossmesh status latency, %s, %d cores, Java %s, %d changes per row%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), changes);
        System.out.println("clusters  gap ms  changes  median ms  p95 ms  max ms  snapshots");
        String memory = "";
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("crossmesh-bench");
            try (MeshFixture mesh = MeshFixture.start(size, dir)) {
                mesh.installHealthy();
                MemorySample before = MemorySample.take();
                try (StatusMonitor monitor = StatusMonitor.start(mesh.plan, mesh.clients())) {
                    MeshStatus settled = monitor.awaitSettled(Duration.ofSeconds(60));
                    if (!settled.healthy()) {
                        throw new IllegalStateException("the bench mesh is not healthy: " + settled.findings());
                    }
                    int done = 0;
                    for (long gap : GAPS_MILLIS) {
                        measure(mesh, monitor, size, changes, gap, done);
                        done += changes;
                    }
                    if (size == Arrays.stream(sizes).max().orElse(size)) {
                        MemorySample after = MemorySample.take();
                        memory = String.format("memory with %d clusters watched (%d informers): heap retained by the monitor and its clients +%.1f MB after GC"
                                + " (%.1f -> %.1f MB), threads +%d; process RSS %.0f MB, which includes the %d demo API servers in the same JVM",
                                size, size * 11, (after.heapBytes - before.heapBytes) / 1e6, before.heapBytes / 1e6, after.heapBytes / 1e6,
                                after.threads - before.threads, after.rssBytes / 1e6, size);
                    }
                }
            }
        }
        System.out.println(memory);
        System.exit(0);
    }

    private static void measure(MeshFixture mesh, StatusMonitor monitor, int size, int changes, long gapMillis, int offset) throws Exception {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        try (StatusMonitor.Subscription ignored = monitor.subscribe(s -> {
            long now = System.nanoTime();
            s.clusters().forEach(c -> seen.putIfAbsent(c.name() + "=" + c.gateway().address(), now));
        })) {
            long snapshotsBefore = monitor.snapshotCount();
            List<Long> micros = new ArrayList<>();
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
                micros.add((seen.get(key) - t0) / 1000);
                Thread.sleep(gapMillis);
            }
            long snapshots = monitor.snapshotCount() - snapshotsBefore;
            micros.sort(null);
            System.out.printf("%8d  %6d  %7d  %9.1f  %6.1f  %6.1f  %9d%n", size, gapMillis, changes, percentile(micros, 50) / 1000.0,
                    percentile(micros, 95) / 1000.0, micros.get(micros.size() - 1) / 1000.0, snapshots);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private record MemorySample(long heapBytes, int threads, long rssBytes) {
        static MemorySample take() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long rss = 0;
            Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            }
            return new MemorySample(heap, threads, rss);
        }
    }
}
