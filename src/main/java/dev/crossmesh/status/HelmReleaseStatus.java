package dev.crossmesh.status;

/**
 * A deployed Helm release in istio-system, as helm's own record of it says (the Secret {@code sh.helm.release.v1.NAME.vN}
 * labelled {@code owner=helm, status=deployed}): what installed the control plane or the gateway when it was Helm.
 *
 * @param name         the release name ({@code istiod})
 * @param chart        the chart's name ({@code istiod}), or "" when helm's record could not be read
 * @param chartVersion the chart's version (for Istio's charts the Istio release), or "" when unknown
 * @param revision     helm's revision of the release (1 after the install, one more per upgrade)
 */
public record HelmReleaseStatus(String name, String chart, String chartVersion, int revision) {
    public HelmReleaseStatus {
        chart = chart == null ? "" : chart;
        chartVersion = chartVersion == null ? "" : chartVersion;
    }

    /** {@code istiod (chart istiod 1.30.3, revision 2)}. */
    public String toText() {
        String what = chart.isEmpty() ? "chart unknown" : "chart " + chart + (chartVersion.isEmpty() ? "" : " " + chartVersion);
        return name + " (" + what + ", revision " + revision + ")";
    }
}
