package dev.crossmesh.ui.apply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.crossmesh.kube.ApplyEvent;
import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.ApplyResult;
import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.MeshApplier;
import dev.crossmesh.kube.StepOutcome;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.Labels;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;
import dev.crossmesh.ui.preview.Rendering;

/**
 * {@link ApplyService} over {@link MeshApplier}, with the options of a plain {@code crossmesh apply} (control plane
 * auto, the default wait for gateway addresses), and --force when the user ticked "take over". Counts finished steps for the progress bar and picks
 * the gateway addresses out of the event stream as they arrive.
 */
final class MeshApplierService implements ApplyService {
    /** The remote-secret reader's ServiceAccount, ClusterRole and ClusterRoleBinding, and its token Secret. */
    private static final int READER_STEPS_PER_SOURCE = 4;

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
        Rendering rendering = request.rendering();
        checkSameAsPreview(rendering);
        Progress progress = new Progress(expectedSteps(rendering.plan(), rendering.mesh()), listener);
        try (ClusterClients clients = new ClusterClients(request.kubeconfigs())) {
            ApplyResult result = new MeshApplier(clients).apply(rendering.plan(), rendering.certs(), options.withDryRun(request.dryRun()).withForce(request.takeOver()),
                    progress::accept, cancel);
            return outcome(result);
        }
    }

    /**
     * The applier renders the plan with the certificates again; this makes sure that gives the bytes the user saw,
     * so that a change in between (a CA folder replaced by hand) cannot slip past the preview.
     */
    static void checkSameAsPreview(Rendering rendering) {
        RenderedMesh again = ManifestRenderer.render(rendering.plan(), rendering.certs());
        for (Map.Entry<String, List<Manifest>> cluster : rendering.mesh().byCluster().entrySet()) {
            List<String> shown = cluster.getValue().stream().map(Manifest::yaml).toList();
            List<String> applied = again.manifests(cluster.getKey()).stream().map(Manifest::yaml).toList();
            if (!shown.equals(applied)) {
                throw new IllegalStateException("the manifests of " + cluster.getKey() + " are no longer those of the preview;"
                        + " go back to the Preview, look at them again, then apply");
            }
        }
    }

    /** The steps MeshApplier takes: each cluster's objects and control plane, the gateway address, the reader accounts, the remote secrets. */
    static int expectedSteps(MeshPlan plan, RenderedMesh mesh) {
        int steps = 0;
        for (ClusterSpec c : plan.clusters()) {
            for (Manifest m : mesh.manifests(c.name())) {
                if (m.method() == ApplyMethod.API || m.method() == ApplyMethod.ISTIOCTL) {
                    steps++;
                }
                if (m.method() == ApplyMethod.API && "Service".equals(m.kind()) && Labels.EASTWEST_NAME.equals(m.name())) {
                    steps++;
                }
            }
        }
        Set<ClusterSpec> sources = new LinkedHashSet<>();
        for (ClusterSpec reader : plan.clusters()) {
            List<ClusterSpec> read = plan.remoteSecretSources(reader);
            sources.addAll(read);
            steps += read.size();
        }
        return steps + sources.size() * READER_STEPS_PER_SOURCE;
    }

    static Outcome outcome(ApplyResult result) {
        List<ClusterOutcome> clusters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ApplyResult.ClusterResult c : result.clusters().values()) {
            int created = 0;
            int updated = 0;
            for (StepOutcome s : c.applied()) {
                if (s.message().startsWith("created") || s.message().startsWith("would be created")) {
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
            boolean gateway = MeshApplier.GATEWAY_ADDRESS.equals(e.step());
            boolean terminal = switch (e.kind()) {
                case DONE, UNCHANGED, FAILED, SKIPPED -> true;
                // a dry run or a NodePort gateway says why there is no address to wait for: that step is over too
                case INFO -> gateway;
                default -> false;
            };
            if (terminal && !e.step().isEmpty()) {
                finished.add(e.cluster() + "\n" + e.step());
            }
            String address = gateway && e.kind() == ApplyEvent.Kind.DONE ? e.message().split(" ", 2)[0] : "";
            int done = Math.min(finished.size(), total);
            listener.update(new Update(e.cluster(), e.step(), status(e.kind()), e.message(), address, done, Math.max(total, done)));
        }
    }
}
