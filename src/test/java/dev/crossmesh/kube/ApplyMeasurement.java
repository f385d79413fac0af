package dev.crossmesh.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Prints the API requests and wall time of a first apply and of an unchanged re-apply, for a 2-cluster and a
 * 10-cluster plan against demo API servers. Run with:
 * {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.crossmesh.kube.ApplyMeasurement}
 * or from {@link ApplyMeasurementTest}.
 */
public final class ApplyMeasurement {
    public record Numbers(int clusters, long setupMillis, long firstRequests, long firstMillis, long againRequests, long againMillis,
            long diffRequests, long diffMillis) {
        @Override
        public String toString() {
            return String.format("%2d clusters: first apply %4d requests %6d ms | unchanged re-apply %4d requests %5d ms | diff %4d requests %5d ms (servers up in %d ms)",
                    clusters, firstRequests, firstMillis, againRequests, againMillis, diffRequests, diffMillis, setupMillis);
        }
    }

    private ApplyMeasurement() {
    }

    public static Numbers measure(int clusters) throws Exception {
        Path dir = Files.createTempDirectory("crossmesh-measure");
        long t0 = System.nanoTime();
        try (DemoMesh mesh = DemoMesh.multiPrimary(clusters, dir).withLoadBalancers()) {
            long setup = millis(t0);
            ApplyOptions options = ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(30));
            MeshApplier applier = new MeshApplier(mesh.clients);

            long before = mesh.requests();
            long t1 = System.nanoTime();
            ApplyResult first = applier.apply(mesh.plan, mesh.certs, options, e -> { }, CancelToken.none());
            long firstMillis = millis(t1);
            long firstRequests = mesh.requests() - before;
            if (!first.succeeded()) {
                throw new IllegalStateException(first.toString());
            }

            before = mesh.requests();
            long t2 = System.nanoTime();
            ApplyResult again = applier.apply(mesh.plan, mesh.certs, options, e -> { }, CancelToken.none());
            long againMillis = millis(t2);
            long againRequests = mesh.requests() - before;
            if (again.changedAnything()) {
                throw new IllegalStateException("re-apply changed something: " + again);
            }

            before = mesh.requests();
            long t3 = System.nanoTime();
            new DiffEngine(mesh.clients).diff(mesh.plan, mesh.certs);
            long diffMillis = millis(t3);
            long diffRequests = mesh.requests() - before;
            return new Numbers(clusters, setup, firstRequests, firstMillis, againRequests, againMillis, diffRequests, diffMillis);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        // a first small run warms up the JVM, TLS and the HTTP client so that the numbers below are about crossmesh
        measure(2);
        System.out.println(measure(2));
        System.out.println(measure(10));
    }
}
