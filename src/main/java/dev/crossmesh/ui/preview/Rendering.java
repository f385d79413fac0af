package dev.crossmesh.ui.preview;

import java.util.List;
import java.util.Map;

import dev.crossmesh.kube.ControlPlaneMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.RenderedMesh;

/**
 * What the preview showed: the plan, the mesh CA's certificates it was rendered with (from the folder of
 * {@link MeshCaProvider#folder}), the manifests, and how many steps applying them takes. The live diff and the apply get this one value, so they send
 * exactly what the user saw: the engines render {@code plan} with {@code certs}, and that gives {@code mesh} again.
 */
public record Rendering(MeshPlan plan, Map<String, ClusterCerts> certs, RenderedMesh mesh, ApplyCount count) {
    public Rendering {
        certs = Map.copyOf(certs);
    }

    /** Counted once here, with the control plane installed the default way, for every screen that gives the count. */
    public Rendering(MeshPlan plan, Map<String, ClusterCerts> certs, RenderedMesh mesh) {
        this(plan, certs, mesh, ApplyCount.of(mesh, ControlPlaneMode.AUTO));
    }

    /** The count for another way of installing the control plane (the Helm path has other steps). */
    public ApplyCount count(ControlPlaneMode mode) {
        return mode == null || mode == ControlPlaneMode.AUTO ? count : ApplyCount.of(mesh, mode);
    }

    /**
     * Whether applying {@code other} sends the same bytes as applying this: the same plan and, per cluster, the same
     * manifests in the same order with the same YAML (certificates included, as the cacerts Secret carries them).
     * An edit undone renders a new value with the same bytes, and what was applied of it still holds.
     */
    public boolean sameBytes(Rendering other) {
        if (other == this) {
            return true;
        }
        if (other == null || !plan.equals(other.plan) || !mesh.byCluster().keySet().equals(other.mesh.byCluster().keySet())) {
            return false;
        }
        for (String cluster : mesh.byCluster().keySet()) {
            List<Manifest> mine = mesh.manifests(cluster);
            List<Manifest> theirs = other.mesh.manifests(cluster);
            if (mine.size() != theirs.size()) {
                return false;
            }
            for (int i = 0; i < mine.size(); i++) {
                Manifest a = mine.get(i);
                Manifest b = theirs.get(i);
                if (a.method() != b.method() || !a.yaml().equals(b.yaml())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link #sameBytes} for values that may be null: two nulls are the same. */
    public static boolean sameBytes(Rendering a, Rendering b) {
        return a == null ? b == null : a.sameBytes(b);
    }
}
