package dev.crossmesh.render;

import java.util.Map;

/**
 * One Helm release that the Helm path installs in one cluster: what {@code helm upgrade --install} is given.
 *
 * @param cluster the plan's cluster
 * @param step    which part of the install it is (and so its values file's name)
 * @param name    the release name, as Istio's guides name it ({@code istio-base}, {@code istiod}, ...)
 * @param chart   the chart's name in Istio's chart repository
 * @param values  the values (deeply unmodifiable)
 * @param header  the comment the values file starts with (no plan value in it)
 * @param waits   Istio's guide waits for it ({@code --wait})
 */
public record HelmRelease(String cluster, Step step, String name, String chart, Map<String, Object> values, String header, boolean waits) {

    public HelmRelease {
        values = Manifest.deepUnmodifiable(values);
    }

    /** The parts of a cluster's Helm install, in install order. */
    public enum Step {
        BASE("base-values.yaml"),
        CONTROL_PLANE("istiod-values.yaml"),
        EASTWEST_GATEWAY("eastwest-gateway-values.yaml");

        private final String valuesFile;

        Step(String valuesFile) {
            this.valuesFile = valuesFile;
        }

        public String valuesFile() {
            return valuesFile;
        }
    }

    /** The values file's exact text. */
    public String yaml() {
        return header + KubeYaml.dump(values);
    }

    /**
     * The same release with each primary's east-west gateway address filled in where
     * {@link ManifestRenderer#addressPlaceholder} stands for it (a remote's {@code global.remotePilotAddress}), as
     * {@link RenderedMesh#withGatewayAddresses} does for manifests; nothing is rendered again.
     */
    public HelmRelease withGatewayAddresses(Map<String, String> addresses) {
        Map<String, Object> filled = values;
        for (Map.Entry<String, String> a : addresses.entrySet()) {
            filled = Manifest.fill(filled, ManifestRenderer.addressPlaceholder(a.getKey()), a.getValue());
        }
        return filled.equals(values) ? this : new HelmRelease(cluster, step, name, chart, filled, header, waits);
    }

    /** Whether a primary's gateway address is still missing from it. */
    public boolean needsAddressOf(String primary) {
        return yaml().contains(ManifestRenderer.addressPlaceholder(primary));
    }

    /** The values file as the export names it, relative to the export folder: {@code <cluster>/helm/istiod-values.yaml}. */
    public String path() {
        return cluster + "/" + HelmInstall.FOLDER + "/" + step.valuesFile();
    }
}
