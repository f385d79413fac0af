package dev.crossmesh.kube;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How apply installs the control plane (the IstioOperator manifest) in each cluster. */
public enum ControlPlaneMode {
    /** Operator path for demo clusters and clusters with the IstioOperator CRD, else istioctl if found, else a manual step. */
    AUTO,
    /** Always run {@code istioctl install}; fails where istioctl cannot be found. */
    ISTIOCTL,
    /** Always apply the IstioOperator as a resource for an in-cluster operator. */
    OPERATOR,
    /**
     * Install the control plane and the east-west gateway with Istio's Helm charts ({@code base}, {@code istiod},
     * {@code gateway}); without helm, a manual step that points at the export's apply-helm.sh.
     */
    HELM,
    /** Leave the control plane alone (it is installed some other way). */
    SKIP;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ControlPlaneMode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.cliName().equalsIgnoreCase(text == null ? "" : text.trim())).findFirst();
    }
}
