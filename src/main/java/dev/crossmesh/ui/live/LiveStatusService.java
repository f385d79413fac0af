package dev.crossmesh.ui.live;

import java.util.List;
import java.util.function.Consumer;

import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;

/**
 * What the Live step watches: the status package's monitor behind a screen-free interface. Snapshots arrive on
 * any thread; the step hands them to the UI thread through the TaskExecutor. Until the monitor is wired in,
 * {@link #notAvailable()} makes the step say so.
 */
public interface LiveStatusService {

    boolean available();

    /** Starts watching the plan's clusters; each snapshot is the whole table. Closing stops watching. */
    AutoCloseable watch(MeshPlan plan, Kubeconfigs kubeconfigs, Consumer<List<ClusterStatusRow>> onSnapshot) throws Exception;

    /**
     * One cluster's line in the status table.
     *
     * @param health         e.g. Healthy, Degraded, Unreachable (the words Kiali users know)
     * @param gatewayAddress the east-west gateway's external address, or "" while it has none
     * @param detail         what is wrong and what to do, or ""
     */
    record ClusterStatusRow(String cluster, String network, String health, String gatewayAddress, String detail) {
    }

    static LiveStatusService notAvailable() {
        return new LiveStatusService() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public AutoCloseable watch(MeshPlan plan, Kubeconfigs kubeconfigs, Consumer<List<ClusterStatusRow>> onSnapshot) {
                throw new UnsupportedOperationException("the status monitor is not part of this build yet");
            }
        };
    }
}
