package dev.crossmesh.ui.apply;

import java.util.List;
import java.util.Map;

import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.RenderedMesh;

/**
 * What the Apply step calls: the kube package's applier behind a small, screen-free interface. The step runs
 * {@link #apply} through the TaskExecutor and turns the updates into its progress bar, log and gateway list.
 * Until the apply engine is wired in, {@link #notAvailable()} makes the step say so instead of pretending.
 */
public interface ApplyService {

    boolean available();

    /**
     * Blocking. Sends {@code request.mesh()} to the clusters: with {@code dryRun} as a server-side dry run that
     * changes nothing. Reports every step through {@code listener}, from any thread, and returns when done,
     * failed, or cancelled (checked between steps through {@code cancel}).
     */
    Outcome apply(Request request, Listener listener, CancelSignal cancel) throws Exception;

    /** @param mesh the preview's rendering: what the user saw is what is applied */
    record Request(MeshPlan plan, RenderedMesh mesh, Kubeconfigs kubeconfigs, boolean dryRun) {
    }

    /**
     * One step of the run, for the log and progress bar.
     *
     * @param cluster        the cluster, or "" for the run as a whole
     * @param step           what is being done, e.g. "Service istio-system/istio-eastwestgateway" or "remote secret for cluster-2"
     * @param message        what happened, or what to do on failure
     * @param progress       0..1 of the whole run, or -1 when unknown
     * @param gatewayAddress an east-west gateway address that just became known, else ""
     */
    record Update(String cluster, String step, Status status, String message, double progress, String gatewayAddress) {
        public enum Status {
            STARTED, DONE, FAILED, SKIPPED, INFO
        }
    }

    /** @param gatewayAddresses per cluster name, the east-west gateway address found */
    record Outcome(boolean succeeded, boolean cancelled, Map<String, String> gatewayAddresses, List<String> problems) {
        public Outcome {
            gatewayAddresses = Map.copyOf(gatewayAddresses);
            problems = List.copyOf(problems);
        }
    }

    @FunctionalInterface
    interface Listener {
        void update(Update update);
    }

    @FunctionalInterface
    interface CancelSignal {
        boolean isCancelled();
    }

    static ApplyService notAvailable() {
        return new ApplyService() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public Outcome apply(Request request, Listener listener, CancelSignal cancel) {
                throw new UnsupportedOperationException("the apply engine is not part of this build yet");
            }
        };
    }
}
