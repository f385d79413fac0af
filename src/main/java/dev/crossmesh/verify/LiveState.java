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

    /** Lists the plan's clusters once (at most {@code wait}) and returns that snapshot. */
    public static Supplier<Optional<MeshStatus>> snapshot(MeshPlan plan, ClusterClients clients, Duration wait) {
        return () -> {
            try {
                return Optional.of(StatusMonitor.once(plan, clients, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }
}
