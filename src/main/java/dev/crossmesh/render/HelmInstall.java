package dev.crossmesh.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.plan.MeshPlan;

/**
 * The Helm path of a plan: per cluster, in plan order, the Helm releases it installs in install order; or, when the
 * plan's release has no charts that can install it, why (and then no release at all).
 */
public record HelmInstall(MeshPlan plan, Optional<String> unavailable, Map<String, List<HelmRelease>> byCluster) {
    /** The folder of each cluster's values files in an export. */
    public static final String FOLDER = "helm";
    /** Istio's chart repository (manifests/charts/base/README.md at 1.12.0 and since). */
    public static final String CHART_REPOSITORY = "https://istio-release.storage.googleapis.com/charts";

    public HelmInstall {
        Map<String, List<HelmRelease>> copy = new LinkedHashMap<>();
        byCluster.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byCluster = Collections.unmodifiableMap(copy);
    }

    public static HelmInstall unavailable(MeshPlan plan, String why) {
        return new HelmInstall(plan, Optional.of(why), Map.of());
    }

    public List<HelmRelease> releases(String cluster) {
        return byCluster.getOrDefault(cluster, List.of());
    }

    public Optional<HelmRelease> release(String cluster, HelmRelease.Step step) {
        return releases(cluster).stream().filter(r -> r.step() == step).findFirst();
    }

    /**
     * The objects of the rendered mesh that the Helm path leaves to the gateway chart: the east-west gateway's own
     * (ServiceAccount, Role, Deployment, Service...), which a chart cannot adopt once another owner made them.
     */
    public static boolean madeByGatewayChart(Manifest m) {
        return m.method() == ApplyMethod.API && m.name().equals(Labels.EASTWEST_NAME);
    }

    public List<HelmRelease> all() {
        return byCluster.values().stream().flatMap(List::stream).toList();
    }
}
