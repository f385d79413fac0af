package dev.crossmesh.ui.preview;

import java.util.Map;

import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.RenderedMesh;

/**
 * What the preview showed: the plan, the mesh CA's certificates it was rendered with (from the folder of
 * {@link MeshCaProvider#folder}), and the manifests. The live diff and the apply get this one value, so they send
 * exactly what the user saw: the engines render {@code plan} with {@code certs}, and that gives {@code mesh} again.
 */
public record Rendering(MeshPlan plan, Map<String, ClusterCerts> certs, RenderedMesh mesh) {
    public Rendering {
        certs = Map.copyOf(certs);
    }
}
