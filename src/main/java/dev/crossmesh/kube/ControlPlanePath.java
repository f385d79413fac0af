package dev.crossmesh.kube;

import java.nio.file.Path;
import java.util.Optional;

import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.render.Manifest;

/**
 * How the control plane of one cluster gets installed, decided the same way for diff and apply, and always said:
 * never a silent skip.
 *
 * @param istioctl the istioctl to run, for {@link Way#ISTIOCTL}
 * @param reason   why this way, in words
 */
record ControlPlanePath(Way way, Path istioctl, String reason) {
    /** {@link #CANNOT} is a step that fails with {@link #reason()}: no istioctl, the wrong istioctl, no operator in the release. */
    enum Way { OPERATOR, ISTIOCTL, MANUAL, SKIP, CANNOT }

    static final String OPERATOR_CRD = "istiooperators.install.istio.io";

    static ControlPlanePath choose(ControlPlaneMode mode, ReleaseFacts release, KubeContext context, ClusterObjects api) {
        String line = release.version().minorLine();
        return switch (mode) {
            case SKIP -> new ControlPlanePath(Way.SKIP, null, "skipped (--control-plane skip): the control plane is installed some other way");
            case OPERATOR -> release.inClusterOperator() || context.demo()
                    ? new ControlPlanePath(Way.OPERATOR, null, "operator path (--control-plane operator)")
                    : new ControlPlanePath(Way.CANNOT, null, "Istio " + line + " has no in-cluster operator (it was removed in 1.24):"
                            + " use --control-plane istioctl, or auto");
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
}
