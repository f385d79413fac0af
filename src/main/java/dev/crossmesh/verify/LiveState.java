package dev.crossmesh.verify;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusMonitor;

/** The live state the check explains its gaps from, when nothing watches the mesh already: one settled status snapshot. */
public final class LiveState {
    private LiveState() {
    }

    /** Watches the plan's clusters until they settle (at most {@code wait}) and returns that snapshot. */
    public static Supplier<Optional<MeshStatus>> snapshot(MeshPlan plan, ClusterClients clients, Duration wait) {
        return () -> {
            try (StatusMonitor monitor = StatusMonitor.start(plan, clients)) {
                return Optional.of(monitor.awaitSettled(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
