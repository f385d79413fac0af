package dev.crossmesh.kube;

import java.util.Map;

import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;

/** A plan rendered once, as the CLI and the Preview render it, for tests that apply or diff it. */
public final class Rendered {
    private Rendered() {
    }

    public static RenderedMesh mesh(MeshPlan plan, Map<String, ClusterCerts> certs) {
        return ManifestRenderer.render(plan, certs);
    }

    public static ApplyRollout rollout(MeshPlan plan, Map<String, ClusterCerts> certs) {
        return ApplyRollout.of(mesh(plan, certs));
    }

    /** The rollout of an apply with these options' control-plane mode (the Helm path's steps differ). */
    public static ApplyRollout rollout(MeshPlan plan, Map<String, ClusterCerts> certs, ApplyOptions options) {
        return ApplyRollout.of(mesh(plan, certs), options.controlPlane());
    }
}
