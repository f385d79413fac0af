package dev.crossmesh.ui.preview;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

import dev.crossmesh.AppDirs;
import dev.crossmesh.certs.CaKeys;
import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/**
 * The plug-in CA files the preview and export render with: the same folder and the same files as
 * {@code crossmesh export}, so the wizard's preview is what the CLI would write and apply.
 */
public interface MeshCaProvider {

    /** Blocking (a new RSA-4096 root takes seconds): loads the mesh CA, making what is missing. */
    Map<String, ClusterCerts> certificates(MeshPlan plan, KeyType keyType) throws IOException;

    /**
     * Starts making, on every core, the keys the plan's mesh CA still lacks, and returns at once: the wizard calls it
     * as soon as the plan names its mesh, so that the Preview finds the keys made. Nothing is written until
     * {@link #certificates}.
     */
    default CaKeys.Preparation prepare(MeshPlan plan, KeyType keyType) {
        return new CaKeys.Preparation(keyType, java.util.List.of());
    }

    /** Where the plan's mesh CA lives. */
    Path folder(MeshPlan plan);

    /** Whether the root exists already (so preparing is quick), or must be made. */
    boolean hasRoot(MeshPlan plan);

    /** {@code CertStore} in {@code folderOfMesh(meshId)}; the app uses {@link AppDirs#certs}. */
    static MeshCaProvider certStore(Function<String, Path> folderOfMesh) {
        return new MeshCaProvider() {
            @Override
            public Map<String, ClusterCerts> certificates(MeshPlan plan, KeyType keyType) throws IOException {
                return CertStore.forPlan(plan, folder(plan), keyType);
            }

            @Override
            public CaKeys.Preparation prepare(MeshPlan plan, KeyType keyType) {
                if (plan.ca() != CaMode.SHARED_ROOT || plan.meshId() == null || plan.meshId().isBlank()) {
                    return MeshCaProvider.super.prepare(plan, keyType);
                }
                return CaKeys.prepareFor(folder(plan), plan.clusters().stream().map(ClusterSpec::name).toList(), keyType);
            }

            @Override
            public Path folder(MeshPlan plan) {
                return folderOfMesh.apply(plan.meshId());
            }

            @Override
            public boolean hasRoot(MeshPlan plan) {
                return new CertStore(folder(plan)).hasRoot();
            }
        };
    }
}
