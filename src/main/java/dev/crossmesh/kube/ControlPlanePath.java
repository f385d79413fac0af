package dev.crossmesh.kube;

import java.nio.file.Path;
import java.util.Optional;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.render.ExportWriter;
import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.Manifest;

/**
 * How the control plane of one cluster gets installed, decided the same way for diff and apply, and always said:
 * never a silent skip.
 *
 * @param tool   the istioctl to run, for {@link Way#ISTIOCTL}; the helm, for {@link Way#HELM}
 * @param reason why this way, in words
 */
record ControlPlanePath(Way way, Path tool, String reason) {
    /**
     * {@link #CANNOT} is a step that fails with {@link #reason()}: no istioctl, the wrong istioctl, no operator in the
     * release, a helm too old, charts of another release, a release without charts for the plan.
     */
    enum Way { OPERATOR, ISTIOCTL, HELM, MANUAL, SKIP, CANNOT }

    static final String OPERATOR_CRD = "istiooperators.install.istio.io";

    /**
     * The way for one cluster of a plan, as diff and apply both take it; a CRD that cannot be read makes the step
     * one that fails, saying why.
     */
    static ControlPlanePath choose(ClusterTarget target, MeshPlan plan, ApplyOptions options) {
        try {
            return choose(options.controlPlane(), options.charts(), plan, target.context(), target.api());
        } catch (RuntimeException e) {
            return new ControlPlanePath(Way.CANNOT, null, KubeFailures.describe(target.name(), target.server(), KubeFailures.Verb.GET,
                    "CustomResourceDefinition " + OPERATOR_CRD, "CustomResourceDefinition", e));
        }
    }

    static ControlPlanePath choose(ControlPlaneMode mode, ChartSource charts, MeshPlan plan, KubeContext context, ClusterObjects api) {
        ReleaseFacts release = IstioReleases.facts(plan.istio().version());
        String line = release.version().minorLine();
        return switch (mode) {
            case SKIP -> new ControlPlanePath(Way.SKIP, null, "skipped (--control-plane skip): the control plane is installed some other way");
            case OPERATOR -> release.inClusterOperator() || context.demo()
                    ? new ControlPlanePath(Way.OPERATOR, null, "operator path (--control-plane operator)")
                    : new ControlPlanePath(Way.CANNOT, null, "Istio " + line + " has no in-cluster operator (it was removed in 1.24):"
                            + " use --control-plane istioctl, or auto");
            case HELM -> helm(charts, plan);
            case ISTIOCTL -> Istioctl.locate().map(p -> istioctl(p, line))
                    .orElseGet(() -> new ControlPlanePath(Way.CANNOT, null, "istioctl was not found on the PATH (nor in -D"
                            + Istioctl.PROPERTY + " or $" + Istioctl.ENV + "): install istioctl " + line + " or run apply with --control-plane auto"));
            case AUTO -> {
                if (context.demo()) {
                    yield new ControlPlanePath(Way.OPERATOR, null, "operator path: demo cluster");
                }
                if (release.inClusterOperator() && hasOperatorCrd(api)) {
                    yield new ControlPlanePath(Way.OPERATOR, null, "operator path: the IstioOperator CRD is installed");
                }
                yield Istioctl.locate().map(p -> istioctl(p, line))
                        .orElseGet(() -> new ControlPlanePath(Way.MANUAL, null, "no istioctl on the PATH"
                                + (release.inClusterOperator() ? " and no IstioOperator CRD in the cluster" : "")));
            }
        };
    }

    /** istioctl installs only its own release: another line is refused, naming both. */
    private static ControlPlanePath istioctl(Path istioctl, String line) {
        Optional<String> found = Istioctl.releaseLine(istioctl);
        if (found.isEmpty()) {
            return new ControlPlanePath(Way.CANNOT, null, istioctl + " did not say its version (istioctl version --remote=false):"
                    + " check that it is istioctl " + line);
        }
        if (!found.get().equals(line)) {
            return new ControlPlanePath(Way.CANNOT, null, "istioctl at " + istioctl + " is " + found.get() + " but the plan is Istio " + line
                    + ": istioctl installs only its own release; put istioctl " + line + " first (PATH, -D" + Istioctl.PROPERTY + " or $"
                    + Istioctl.ENV + ")");
        }
        return new ControlPlanePath(Way.ISTIOCTL, istioctl, "istioctl " + line + " at " + istioctl);
    }

    /** Helm 3 and charts of the plan's release, where the release has charts for the plan at all. */
    private static ControlPlanePath helm(ChartSource charts, MeshPlan plan) {
        HelmInstall install = HelmValues.render(plan);
        if (install.unavailable().isPresent()) {
            return new ControlPlanePath(Way.CANNOT, null, install.unavailable().get());
        }
        Optional<Path> helm = Helm.locate();
        if (helm.isEmpty()) {
            return new ControlPlanePath(Way.MANUAL, null, "helm was not found on the PATH (nor in -D" + Helm.PROPERTY + " or $" + Helm.ENV + ")");
        }
        Optional<String> problem = Helm.problem(helm.get())
                .or(() -> charts.problem(install.all().stream().map(HelmRelease::chart).distinct().toList(), plan.istio().version()));
        return problem.map(p -> new ControlPlanePath(Way.CANNOT, null, p))
                .orElseGet(() -> new ControlPlanePath(Way.HELM, helm.get(), "helm at " + helm.get() + ", " + charts.describe()));
    }

    static boolean hasOperatorCrd(ClusterObjects api) {
        try {
            return api.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", OPERATOR_CRD) != null;
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() == 403) {
                // not allowed to read CRDs: no operator path then; istioctl or the manual step says what happens instead
                return false;
            }
            throw e;
        }
    }

    /** What the user runs instead, for the manual path and messages: the file is in the export. */
    static String manualCommand(Manifest controlPlane, String context) {
        return "istioctl install -y -f " + controlPlane.cluster() + "/" + controlPlane.fileName() + " --context " + context;
    }

    /** What the user does instead on the Helm path without helm: the export's script installs the same charts. */
    static String helmManualInstruction(ControlPlanePath path) {
        return "install the control plane and the east-west gateway with `bash " + ExportWriter.APPLY_HELM_SCRIPT
                + "` in the folder of `crossmesh export` (" + path.reason() + ")";
    }

    /**
     * Whether the Helm path waits for a release ({@code --wait}) as Istio's guides do, but for a remote's gateway: its
     * pods are injected by the primary's istiod, which apply lets read the remote only after every cluster's own steps.
     */
    static boolean helmWaits(MeshPlan plan, ClusterSpec cluster, HelmRelease r) {
        return r.waits() && !(plan.primaryFor(cluster).isPresent() && r.step() == HelmRelease.Step.EASTWEST_GATEWAY);
    }
}
