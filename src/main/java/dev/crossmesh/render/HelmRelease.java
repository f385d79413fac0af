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
 * @param yaml    the values file's exact text
 * @param waits   Istio's guide waits for it ({@code --wait})
 */
public record HelmRelease(String cluster, Step step, String name, String chart, Map<String, Object> values, String yaml, boolean waits) {

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

    /** The values file as the export names it, relative to the export folder: {@code <cluster>/helm/istiod-values.yaml}. */
    public String path() {
        return cluster + "/" + HelmInstall.FOLDER + "/" + step.valuesFile();
    }
}
