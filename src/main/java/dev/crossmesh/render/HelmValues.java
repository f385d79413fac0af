package dev.crossmesh.render;

import static dev.crossmesh.render.ManifestRenderer.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.plan.ReleaseFacts.ExternalIstiod;
import dev.crossmesh.plan.ReleaseFacts.HelmRemote;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.render.HelmRelease.Step;

/**
 * Plan to the values of Istio's Helm charts, per cluster: {@code base}, {@code istiod} (or {@code istiod-remote}) and
 * the east-west {@code gateway}, with the same mesh identity, trust domain, revision and remote settings as the
 * IstioOperator of the istioctl path, written with the keys of that release's charts (what each release's charts take
 * comes from {@link IstioReleases}). Pure, like {@link ManifestRenderer}: the cacerts Secret, the cross-network Gateway,
 * expose-istiod and the remote secrets stay what that renders.
 */
public final class HelmValues {
    private final MeshPlan plan;
    private final ReleaseFacts release;

    private HelmValues(MeshPlan plan) {
        this.plan = plan;
        this.release = IstioReleases.facts(plan.istio().version());
    }

    /**
     * The Helm path of the plan; a remote's {@code global.remotePilotAddress} holds {@link ManifestRenderer#addressPlaceholder}
     * until apply fills in its primary's gateway address ({@link HelmRelease#withGatewayAddresses}).
     */
    public static HelmInstall render(MeshPlan plan) {
        HelmValues r = new HelmValues(plan);
        String version = plan.istio().version();
        if (plan.istio().flavor() == Flavor.ASM) {
            return HelmInstall.unavailable(plan, "Anthos Service Mesh " + version + " has no Helm charts in Istio's chart repository: "
                    + "install it with istioctl (apply.sh) or set istio.flavor: istio");
        }
        ReleaseFacts.HelmCharts charts = r.release.helm();
        if (!charts.chartRepository() || !charts.gatewayChart()) {
            return HelmInstall.unavailable(plan, "Istio " + version + " has no Helm path: its charts are not in Istio's chart repository "
                    + "and it has no gateway chart for the east-west gateway (both from Istio 1.12); use apply.sh, or Istio 1.12 or newer");
        }
        if (plan.topology() == Topology.PRIMARY_REMOTE && charts.remote() == HelmRemote.NONE
                && plan.clusters().stream().anyMatch(c -> !c.isPrimary())) {
            return HelmInstall.unavailable(plan, "Istio " + version + "'s charts cannot install a remote cluster: the istiod-remote chart "
                    + "has no istiod Service for the remote's proxies before Istio 1.13, and the base chart, which has it, cannot be "
                    + "installed beside it (both make istio-reader-service-account); use apply.sh, or Istio 1.13 or newer");
        }
        Map<String, List<HelmRelease>> byCluster = new LinkedHashMap<>();
        for (ClusterSpec cluster : plan.clusters()) {
            byCluster.put(cluster.name(), r.cluster(cluster));
        }
        return new HelmInstall(plan, java.util.Optional.empty(), byCluster);
    }

    private List<HelmRelease> cluster(ClusterSpec cluster) {
        boolean runsIstiod = plan.topology() == Topology.MULTI_PRIMARY || cluster.isPrimary();
        boolean remoteProfile = !runsIstiod && release.helm().remote() == HelmRemote.REMOTE_PROFILE;
        List<HelmRelease> out = new ArrayList<>();
        // before 1.24 a remote gets the istiod-remote chart alone: it holds the CRD-free parts a remote needs, and base
        // would clash with it over istio-reader-service-account; from 1.24 base is needed on every cluster
        if (runsIstiod || remoteProfile) {
            out.add(release(cluster, Step.BASE, "istio-base", "base", base(remoteProfile), false));
        }
        boolean istiodRemoteChart = !runsIstiod && !remoteProfile;
        String controlPlaneName = (istiodRemoteChart ? "istiod-remote" : "istiod")
                + (plan.istio().hasRevision() ? "-" + plan.istio().revision() : "");
        out.add(release(cluster, Step.CONTROL_PLANE, controlPlaneName, istiodRemoteChart ? "istiod-remote" : "istiod",
                controlPlane(cluster, runsIstiod, remoteProfile), runsIstiod));
        out.add(release(cluster, Step.EASTWEST_GATEWAY, Labels.EASTWEST_NAME, "gateway", gateway(cluster), true));
        return out;
    }

    private HelmRelease release(ClusterSpec cluster, Step step, String name, String chart, Map<String, Object> values, boolean waits) {
        // no plan value goes into a comment (the release name holds the revision): a newline in one would start a YAML line
        String header = "# Values of Istio's " + chart + " chart (Istio " + release.version().minorLine() + "); apply-helm.sh installs them:\n"
                + "#   helm upgrade --install <release> " + chart + " --repo " + HelmInstall.CHART_REPOSITORY
                + " --version <istio version> -n istio-system --kube-context=<context> -f " + step.valuesFile() + (waits ? " --wait" : "") + "\n";
        if (step == Step.CONTROL_PLANE && plan.primaryFor(cluster).isPresent()) {
            header += "# global.remotePilotAddress is the primary's east-west gateway address: apply-helm.sh sets it (--set-string)\n";
        }
        return new HelmRelease(cluster.name(), step, name, chart, values, header, waits);
    }

    /**
     * The base chart: the default revision's validator must call an istiod that exists
     * (base/templates/defaultrevision-validatingwebhookconfiguration.yaml, templates/default.yaml up to 1.23: service
     * {@code istiod-<defaultRevision>}, {@code istiod} for "default"; on {@code helm upgrade} it fails closed); a remote
     * takes the remote profile, as base/files/profile-remote.yaml@1.24.0 asks.
     */
    private Map<String, Object> base(boolean remoteProfile) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (remoteProfile) {
            values.put("profile", "remote");
        }
        if (plan.istio().hasRevision()) {
            values.put("defaultRevision", plan.istio().revision());
        }
        return values;
    }

    /** What the IstioOperator of the istioctl path sets, as the istiod (istiod-remote) chart takes it. */
    private Map<String, Object> controlPlane(ClusterSpec cluster, boolean runsIstiod, boolean remoteProfile) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (plan.istio().hasRevision()) {
            values.put("revision", plan.istio().revision());
        }
        if (remoteProfile) {
            values.put("profile", "remote");
        }
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("meshID", plan.meshId());
        global.put("multiCluster", map("clusterName", cluster.name()));
        global.put("network", cluster.network());
        values.put("global", global);
        boolean servesRemotes = plan.topology() == Topology.PRIMARY_REMOTE && runsIstiod;
        if (servesRemotes && release.externalIstiod() == ExternalIstiod.GLOBAL_VALUE) {
            global.put("externalIstiod", true);
        }
        plan.primaryFor(cluster).ifPresent(primary -> {
            // the istiod-remote chart's own defaults are 1.16's remote profile (externalIstiod, no config map, no telemetry)
            global.put("remotePilotAddress", ManifestRenderer.addressPlaceholder(primary.name()));
            values.put("istiodRemote", map("injectionPath", "/inject/cluster/" + cluster.name() + "/net/" + cluster.network()));
        });
        // templates/configmap.yaml merges .Values.meshConfig into the mesh config whole ("meshConfig.foo becomes the API")
        values.put("meshConfig", map("trustDomain", plan.trustDomain()));
        if (servesRemotes && release.externalIstiod() == ExternalIstiod.PILOT_ENV) {
            values.put("pilot", map("env", map("EXTERNAL_ISTIOD", "true")));
        }
        return values;
    }

    /** The gateway chart as a network gateway: {@code networkGateway} gives the east-west ports, the network label and env. */
    private Map<String, Object> gateway(ClusterSpec cluster) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", Labels.EASTWEST_NAME);
        if (plan.istio().hasRevision()) {
            values.put("revision", plan.istio().revision());
        }
        values.put("networkGateway", cluster.network());
        Map<String, Object> service = map("type", plan.gateway().serviceType().yamlName());
        values.put("service", service);
        if (!plan.gateway().annotations().isEmpty()) {
            Map<String, Object> annotations = new LinkedHashMap<>(plan.gateway().annotations());
            if (release.helm().gatewayServiceAnnotations()) {
                service.put("annotations", annotations);
            } else {
                values.put("annotations", annotations);
            }
        }
        return values;
    }
}
