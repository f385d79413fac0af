package dev.crossmesh.ui.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.crossmesh.kube.ApplyEvent;
import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.ApplyResult;
import dev.crossmesh.kube.ApplyRollout;
import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.MeshApplier;
import dev.crossmesh.kube.StepOutcome;

/**
 * {@link ApplyService} over {@link MeshApplier}, with the options of a plain {@code crossmesh apply} (control plane
 * auto, the default wait for gateway addresses), and --force when the user ticked "take over". Counts finished steps
 * of the rollout for the progress bar and passes on the gateway addresses as they arrive.
 */
final class MeshApplierService implements ApplyService {
    private final ApplyOptions options;

    MeshApplierService() {
        this(ApplyOptions.defaults());
    }

    MeshApplierService(ApplyOptions options) {
        this.options = options;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Outcome apply(Request request, Listener listener, CancelToken cancel) {
        // what the Preview showed is what is applied: no second rendering
        ApplyOptions run = options.withDryRun(request.dryRun()).withForce(request.takeOver()).withControlPlane(request.controlPlane());
        ApplyRollout rollout = ApplyRollout.of(request.rendering().mesh(), run.controlPlane());
        Progress progress = new Progress(rollout.size(), listener);
        try (ClusterClients clients = new ClusterClients(request.kubeconfigs())) {
            ApplyResult result = new MeshApplier(clients).apply(rollout, run, progress::accept, cancel);
            return outcome(result);
        }
    }

    static Outcome outcome(ApplyResult result) {
        List<ClusterOutcome> clusters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ApplyResult.ClusterResult c : result.clusters().values()) {
            int created = 0;
            int updated = 0;
            for (StepOutcome s : c.applied()) {
                if (s.created()) {
                    created++;
                } else {
                    updated++;
                }
            }
            clusters.add(new ClusterOutcome(c.cluster(), created, updated, c.unchanged().size(), c.failed().size(), c.notAttempted().size(),
                    c.with(StepOutcome.Status.SKIPPED).size()));
            c.failed().forEach(s -> problems.add(c.cluster() + " · " + s.step() + ": " + s.message()));
        }
        return new Outcome(result.succeeded(), result.cancelled(), result.dryRun(), clusters, result.gatewayAddresses(), problems);
    }

    static Update.Status status(ApplyEvent.Kind kind) {
        return Update.Status.valueOf(kind.name());
    }

    /** Turns events into updates with a running count; the applier calls it one event at a time. */
    private static final class Progress {
        private final int total;
        private final Listener listener;
        private final Set<String> finished = new HashSet<>();

        Progress(int total, Listener listener) {
            this.total = total;
            this.listener = Objects.requireNonNull(listener);
        }

        synchronized void accept(ApplyEvent e) {
            boolean terminal = switch (e.kind()) {
                case DONE, UNCHANGED, FAILED, SKIPPED -> true;
                // a dry run or a NodePort gateway says why there is no address to wait for: that step is over too
                default -> e.detail() instanceof ApplyEvent.GatewayPending;
            };
            if (terminal && !e.step().isEmpty()) {
                finished.add(e.cluster() + "\n" + e.step());
            }
            String address = e.detail() instanceof ApplyEvent.GatewayAddress a ? a.address() : "";
            String pending = e.detail() instanceof ApplyEvent.GatewayPending p ? p.reason() : "";
            int done = Math.min(finished.size(), total);
            listener.update(new Update(e.cluster(), e.step(), status(e.kind()), e.message(), address, pending, done, Math.max(total, done)));
        }
    }
}
