package dev.crossmesh.kube;

import java.nio.file.Files;
import java.time.Duration;

import dev.crossmesh.plan.MeshPlan;

/**
 * A multi-primary plan over many bare demo API servers in this JVM, with load balancers, for the benchmark's scale
 * part ({@code dev.crossmesh.bench.ScaleBench}): it applies the plan and hands over what a watch needs.
 */
public final class ScaleMeasurement implements AutoCloseable {
    private final DemoMesh mesh;

    private ScaleMeasurement(DemoMesh mesh) {
        this.mesh = mesh;
    }

    public static ScaleMeasurement start(int clusters) throws Exception {
        return new ScaleMeasurement(DemoMesh.multiPrimary(clusters, Files.createTempDirectory("crossmesh-scale")).withLoadBalancers());
    }

    public MeshPlan plan() {
        return mesh.plan;
    }

    public ClusterClients clients() {
        return mesh.clients;
    }

    /** API requests the servers have answered so far, from kubeconfig clients. */
    public long requests() {
        return mesh.requests();
    }

    /** The first apply of the plan; fails when it does not succeed. */
    public void apply() {
        ApplyResult result = new MeshApplier(mesh.clients).apply(Rendered.rollout(mesh.plan, mesh.certs),
                ApplyOptions.defaults().withGatewayWait(Duration.ofSeconds(120)), e -> { }, CancelToken.none());
        if (!result.succeeded()) {
            throw new IllegalStateException(result.toString());
        }
    }

    @Override
    public void close() {
        mesh.close();
    }
}
