package dev.crossmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * A healthy demo mesh in a process of its own ({@code crossmesh demo --headless}, with its simulated control plane),
 * the plan applied to it from this JVM, for the parts that measure another process looking at it.
 *
 * @param plan       the applied plan, also written to {@code planFile}
 * @param kubeconfig the demo clusters' kubeconfig
 */
record DemoMesh(ChildLines demo, MeshPlan plan, Path planFile, Path kubeconfig) implements AutoCloseable {
    private static final long READY_TIMEOUT_MILLIS = 180_000;

    static DemoMesh start(ChildJava java, Path work, int clusters, PrintStream log) throws Exception {
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
            Path planFile = work.resolve("demo-plan.yaml").toAbsolutePath();
            PlanWriter.write(plan, planFile);
            long t1 = System.nanoTime();
            apply(plan, kubeconfig, work.resolve("certs"));
            long t2 = System.nanoTime();
            log.printf(Locale.ROOT, "  %d demo clusters in a process of their own, ready in %.1f s; the plan applied in %.1f s%n", clusters,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            return new DemoMesh(demo, plan, planFile, kubeconfig);
        } catch (Exception | Error e) {
            stop(demo);
            throw e;
        }
    }

    private static void apply(MeshPlan plan, Path kubeconfig, Path certDir) throws IOException {
        try (ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(kubeconfig)))) {
            ApplyResult result = new MeshApplier(clients).apply(dev.crossmesh.kube.Rendered.rollout(plan, CertStore.forPlan(plan, certDir, KeyType.EC_P256)),
                    ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(60)), e -> { }, CancelToken.none());
            if (!result.succeeded()) {
                throw new IllegalStateException("applying the plan to the demo clusters failed: " + result);
            }
        }
    }

    private static void stop(ChildLines demo) throws InterruptedException {
        try {
            demo.process().getOutputStream().close();
        } catch (IOException e) {
            // gone already
        }
        demo.finish(20_000);
    }

    @Override
    public void close() throws InterruptedException {
        stop(demo);
    }
}
