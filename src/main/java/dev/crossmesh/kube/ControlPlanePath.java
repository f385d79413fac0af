package dev.crossmesh.kube;

import java.nio.file.Path;
import java.util.Optional;

import dev.crossmesh.render.Manifest;

/**
 * How the control plane of one cluster gets installed, decided the same way for diff and apply, and always said:
 * never a silent skip.
 *
 * @param istioctl the istioctl to run, for {@link Way#ISTIOCTL}
 * @param reason   why this way, in words
 */
record ControlPlanePath(Way way, Path istioctl, String reason) {
    enum Way { OPERATOR, ISTIOCTL, MANUAL, SKIP, ISTIOCTL_MISSING }

    static final String OPERATOR_CRD = "istiooperators.install.istio.io";

    static ControlPlanePath choose(ControlPlaneMode mode, KubeContext context, ClusterObjects api) {
        Optional<Path> istioctl = Istioctl.locate();
        return switch (mode) {
            case SKIP -> new ControlPlanePath(Way.SKIP, null, "skipped (--control-plane skip): the control plane is installed some other way");
            case OPERATOR -> new ControlPlanePath(Way.OPERATOR, null, "operator path (--control-plane operator)");
            case ISTIOCTL -> istioctl.map(p -> new ControlPlanePath(Way.ISTIOCTL, p, "istioctl at " + p))
                    .orElseGet(() -> new ControlPlanePath(Way.ISTIOCTL_MISSING, null, "istioctl was not found on the PATH (nor in -D"
                            + Istioctl.PROPERTY + " or $" + Istioctl.ENV + "): install istioctl or run apply with --control-plane auto"));
            case AUTO -> {
                if (context.demo()) {
                    yield new ControlPlanePath(Way.OPERATOR, null, "operator path: demo cluster");
                }
                if (hasOperatorCrd(api)) {
                    yield new ControlPlanePath(Way.OPERATOR, null, "operator path: the IstioOperator CRD is installed");
                }
                yield istioctl.map(p -> new ControlPlanePath(Way.ISTIOCTL, p, "istioctl at " + p))
                        .orElseGet(() -> new ControlPlanePath(Way.MANUAL, null, "no istioctl on the PATH and no IstioOperator CRD in the cluster"));
            }
        };
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
