package dev.crossmesh.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The API requests and wall time of a first apply, an unchanged re-apply and a diff of a multi-primary plan against
 * bare demo API servers in this JVM, with a load balancer that hands out gateway addresses. The benchmark's apply part
 * ({@code dev.crossmesh.bench.ApplyBench}) runs it; it lives here for {@link DemoMesh}.
 */
public final class ApplyMeasurement {
    public record Numbers(int clusters, double setupMillis, long firstRequests, double firstMillis, long againRequests, double againMillis,
            long diffRequests, double diffMillis) {
        @Override
        public String toString() {
            return String.format("%2d clusters: first apply %4d requests %6.0f ms | unchanged re-apply %4d requests %5.0f ms | diff %4d requests %5.0f ms (servers up in %.0f ms)",
                    clusters, firstRequests, firstMillis, againRequests, againMillis, diffRequests, diffMillis, setupMillis);
        }
    }

    private ApplyMeasurement() {
    }

    public static Numbers measure(int clusters) throws Exception {
        Path dir = Files.createTempDirectory("crossmesh-measure");
        long t0 = System.nanoTime();
        try (DemoMesh mesh = DemoMesh.multiPrimary(clusters, dir).withLoadBalancers()) {
            double setup = millis(t0);
            ApplyOptions options = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(30));
            MeshApplier applier = new MeshApplier(mesh.clients);

            long before = mesh.requests();
            long t1 = System.nanoTime();
            ApplyResult first = applier.apply(Rendered.rollout(mesh.plan, mesh.certs), options, e -> { }, CancelToken.none());
            double firstMillis = millis(t1);
            long firstRequests = mesh.requests() - before;
            if (!first.succeeded()) {
                throw new IllegalStateException(first.toString());
            }

            before = mesh.requests();
            long t2 = System.nanoTime();
            ApplyResult again = applier.apply(Rendered.rollout(mesh.plan, mesh.certs), options, e -> { }, CancelToken.none());
            double againMillis = millis(t2);
            long againRequests = mesh.requests() - before;
            if (again.changedAnything()) {
                throw new IllegalStateException("re-apply changed something: " + again);
            }

            before = mesh.requests();
            long t3 = System.nanoTime();
            new DiffEngine(mesh.clients).diff(Rendered.mesh(mesh.plan, mesh.certs), ApplyOptions.defaults());
            double diffMillis = millis(t3);
            long diffRequests = mesh.requests() - before;
            return new Numbers(clusters, setup, firstRequests, firstMillis, againRequests, againMillis, diffRequests, diffMillis);
        }
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
