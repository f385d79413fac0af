package dev.crossmesh.ui.apply;

import java.util.List;
import java.util.Map;

import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ControlPlaneMode;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.ui.preview.Rendering;

/**
 * What the Apply step calls: the kube package's applier behind a small, screen-free interface
 * ({@link #meshApplier()}). The step runs {@link #apply} through the TaskExecutor and turns the updates into its
 * progress bar, log and gateway list. {@link #notAvailable()} makes the step say there is no engine.
 */
public interface ApplyService {
    /** The step of an update that reports a cluster's east-west gateway address (found, waited for, or pending). */
    String GATEWAY_STEP = dev.crossmesh.kube.MeshApplier.GATEWAY_ADDRESS;

    boolean available();

    /**
     * Blocking. Applies what the preview rendered ({@code request.rendering()}: the same plan and certificates,
     * so the same bytes); with {@code dryRun} every write is a server-side dry run that changes nothing. Reports
     * every step through {@code listener}, one at a time, from any thread, and returns when done, failed, or
     * cancelled through {@code cancel} (checked between steps; waits end at once).
     */
    Outcome apply(Request request, Listener listener, CancelToken cancel) throws Exception;

    /**
     * One run.
     *
     * @param takeOver     change objects that exist without crossmesh's labels too ({@code crossmesh apply --force}); else they are left alone
     * @param controlPlane how the control plane is installed ({@code crossmesh apply --control-plane}): on the Helm path, Istio's
     *                     charts with the values the preview shows
     */
    record Request(Rendering rendering, Kubeconfigs kubeconfigs, boolean dryRun, boolean takeOver, ControlPlaneMode controlPlane) {
        public Request {
            controlPlane = controlPlane == null ? ControlPlaneMode.AUTO : controlPlane;
        }

        public Request(Rendering rendering, Kubeconfigs kubeconfigs, boolean dryRun, boolean takeOver) {
            this(rendering, kubeconfigs, dryRun, takeOver, ControlPlaneMode.AUTO);
        }
    }

    /**
     * One event of the run, for the log, the progress bar and the gateway list.
     *
     * @param cluster        the cluster, or "" for the run as a whole
     * @param step           the object or step, e.g. "Service istio-system/istio-eastwestgateway", {@link #GATEWAY_STEP}; "" for the cluster as a whole
     * @param message        what happened, or on failure what is wrong and what to do (never a token or key)
     * @param gatewayAddress the east-west gateway address that just became known, else ""
     * @param stepsDone      steps finished so far in the whole run
     * @param stepsTotal     steps the run is expected to take (an estimate before the remote secrets; done never exceeds it)
     */
    /**
     * @param gatewayAddress for the gateway step, the address found; otherwise ""
     * @param gatewayPending for the gateway step, why there is no address (yet); otherwise ""
     */
    record Update(String cluster, String step, Status status, String message, String gatewayAddress, String gatewayPending, int stepsDone,
            int stepsTotal) {
        public enum Status {
            STARTED, DONE, UNCHANGED, WAITING, FAILED, SKIPPED, INFO
        }

        public Update {
            cluster = cluster == null ? "" : cluster;
            step = step == null ? "" : step;
            message = message == null ? "" : message;
            gatewayAddress = gatewayAddress == null ? "" : gatewayAddress;
            gatewayPending = gatewayPending == null ? "" : gatewayPending;
        }

        public boolean aboutGateway() {
            return GATEWAY_STEP.equals(step);
        }
    }

    /**
     * The account of a run.
     *
     * @param clusters         per cluster in plan order
     * @param gatewayAddresses per cluster name, the east-west gateway address found
     * @param problems         a sentence per failed or refused step, "cluster · step: what is wrong and what to do"
     */
    record Outcome(boolean succeeded, boolean cancelled, boolean dryRun, List<ClusterOutcome> clusters, Map<String, String> gatewayAddresses,
            List<String> problems) {
        public Outcome {
            clusters = List.copyOf(clusters);
            gatewayAddresses = Map.copyOf(gatewayAddresses);
            problems = List.copyOf(problems);
        }

        public int total(java.util.function.ToIntFunction<ClusterOutcome> count) {
            return clusters.stream().mapToInt(count).sum();
        }
    }

    /**
     * One cluster's account: steps created, updated (or in a dry run: would be), unchanged, failed (or refused as
     * not owned), not attempted (after a failure or a cancel), and skipped (left to the user or pending).
     */
    record ClusterOutcome(String cluster, int created, int updated, int unchanged, int failed, int notAttempted, int skipped) {
        public boolean succeeded() {
            return failed == 0 && notAttempted == 0;
        }

        public int applied() {
            return created + updated;
        }
    }

    @FunctionalInterface
    interface Listener {
        void update(Update update);
    }

    static ApplyService meshApplier() {
        return new MeshApplierService();
    }

    static ApplyService notAvailable() {
        return new ApplyService() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public Outcome apply(Request request, Listener listener, CancelToken cancel) {
                throw new UnsupportedOperationException("this build has no apply engine");
            }
        };
    }
}
