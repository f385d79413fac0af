package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.Labels;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.RenderedMesh;

/**
 * The steps an apply takes, per cluster, in the order it takes them, made from the rendering the user saw:
 * {@link MeshApplier} walks it and progress bars count it, so the two cannot disagree.
 */
public final class ApplyRollout {
    public enum Kind {
        /** An object of the rendering, applied through the API. */
        OBJECT,
        /** A manifest istioctl (or the operator) installs: the control plane, or an old release's east-west gateway. */
        CONTROL_PLANE,
        /** One of Istio's Helm charts the Helm path installs ({@link Step#release()}), in place of the control plane and the gateway's objects. */
        HELM_RELEASE,
        /** The wait for the east-west gateway's address, after its Service. */
        GATEWAY_ADDRESS,
        /** The remote-secret reader's account and role in a cluster other clusters read. */
        READER_OBJECT,
        /** The reader's token Secret. */
        READER_TOKEN,
        /** A remote secret in a reading cluster, holding {@link Step#source()}'s reader kubeconfig. */
        REMOTE_SECRET
    }

    /**
     * @param manifest for OBJECT and CONTROL_PLANE, the rendered manifest
     * @param object   for OBJECT, CONTROL_PLANE, READER_OBJECT and READER_TOKEN, the object to apply
     * @param source   for REMOTE_SECRET, the cluster whose reader the secret holds; otherwise ""
     * @param release  for HELM_RELEASE, the release and its values
     */
    public record Step(String cluster, String name, Kind kind, Manifest manifest, Map<String, Object> object, String source, HelmRelease release) {
        public boolean isEastWestService() {
            return manifest != null && "Service".equals(manifest.kind()) && Labels.EASTWEST_NAME.equals(manifest.name());
        }
    }

    private final RenderedMesh mesh;
    private final Map<String, List<Step>> steps;

    private ApplyRollout(RenderedMesh mesh, Map<String, List<Step>> steps) {
        this.mesh = mesh;
        this.steps = steps;
    }

    public static ApplyRollout of(RenderedMesh mesh) {
        return of(mesh, ControlPlaneMode.AUTO);
    }

    /**
     * The steps of an apply with this control-plane mode: on the Helm path (where the plan's release has charts for
     * it) each cluster's Helm releases take the place of its control plane and of the gateway objects the gateway chart makes.
     */
    public static ApplyRollout of(RenderedMesh mesh, ControlPlaneMode mode) {
        MeshPlan plan = mesh.plan();
        HelmInstall helm = mode == ControlPlaneMode.HELM ? HelmValues.render(plan) : null;
        boolean byHelm = helm != null && helm.unavailable().isEmpty();
        Map<String, List<Step>> steps = new LinkedHashMap<>();
        for (ClusterSpec c : plan.clusters()) {
            List<Step> list = new ArrayList<>();
            for (Manifest m : mesh.manifests(c.name())) {
                if (byHelm && HelmInstall.madeByGatewayChart(m)) {
                    continue;
                }
                if (byHelm && m.method() == ApplyMethod.ISTIOCTL && MeshApplier.stepName(m).equals(MeshApplier.CONTROL_PLANE)) {
                    for (HelmRelease r : helm.releases(c.name())) {
                        list.add(new Step(c.name(), MeshApplier.stepName(r), Kind.HELM_RELEASE, null, null, "", r));
                    }
                    list.add(gatewayAddress(c));
                    continue;
                }
                if (m.method() == ApplyMethod.API) {
                    Step step = new Step(c.name(), MeshApplier.stepName(m), Kind.OBJECT, m, m.object(), "", null);
                    list.add(step);
                    if (step.isEastWestService()) {
                        list.add(gatewayAddress(c));
                    }
                } else if (m.method() == ApplyMethod.ISTIOCTL) {
                    String name = MeshApplier.stepName(m);
                    list.add(new Step(c.name(), name, Kind.CONTROL_PLANE, m, m.object(), "", null));
                    if (name.equals(MeshApplier.EASTWEST_ISTIOCTL)) {
                        list.add(gatewayAddress(c));
                    }
                }
            }
            steps.put(c.name(), list);
        }
        Set<ClusterSpec> sources = new LinkedHashSet<>();
        plan.clusters().forEach(r -> sources.addAll(plan.remoteSecretSources(r)));
        for (ClusterSpec source : sources) {
            List<Step> list = steps.get(source.name());
            for (Map<String, Object> object : ReaderAccess.rbacObjects(plan, source)) {
                list.add(new Step(source.name(), ClusterObjects.displayName(object), Kind.READER_OBJECT, null, object, "", null));
            }
            Map<String, Object> token = ReaderAccess.tokenSecret(plan);
            list.add(new Step(source.name(), ClusterObjects.displayName(token), Kind.READER_TOKEN, null, token, "", null));
        }
        for (ClusterSpec reader : plan.clusters()) {
            for (ClusterSpec source : plan.remoteSecretSources(reader)) {
                steps.get(reader.name()).add(new Step(reader.name(), "Secret " + Labels.ISTIO_NAMESPACE + "/" + Labels.remoteSecretName(source.name()),
                        Kind.REMOTE_SECRET, null, null, source.name(), null));
            }
        }
        steps.replaceAll((k, v) -> List.copyOf(v));
        return new ApplyRollout(mesh, Collections.unmodifiableMap(steps));
    }

    private static Step gatewayAddress(ClusterSpec c) {
        return new Step(c.name(), MeshApplier.GATEWAY_ADDRESS, Kind.GATEWAY_ADDRESS, null, null, "", null);
    }

    public RenderedMesh mesh() {
        return mesh;
    }

    public MeshPlan plan() {
        return mesh.plan();
    }

    /** One cluster's steps of these kinds, in order. */
    public List<Step> steps(String cluster, Set<Kind> kinds) {
        return steps.getOrDefault(cluster, List.of()).stream().filter(s -> kinds.contains(s.kind())).toList();
    }

    public List<Step> steps(String cluster) {
        return steps.getOrDefault(cluster, List.of());
    }

    /** Every step of every cluster. */
    public int size() {
        return steps.values().stream().mapToInt(List::size).sum();
    }
}
