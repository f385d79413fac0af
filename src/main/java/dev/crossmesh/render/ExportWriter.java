package dev.crossmesh.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.crossmesh.SafeFiles;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;

/**
 * Writes what {@code crossmesh export} and the preview's Export button produce: one folder per cluster with one
 * file per object named by its apply order, and {@code apply.sh} with the kubectl / istioctl commands in order.
 * Remote secrets are not files: they need a live token, so apply.sh makes them with {@code istioctl create-remote-secret}.
 * Everything goes through {@link SafeFiles}: exact modes whatever the umask, and a link planted in the folder is
 * refused, never written or chmod-ed through.
 */
public final class ExportWriter {
    private ExportWriter() {
    }

    /** @return the files written, relative to {@code dir} */
    public static List<Path> write(RenderedMesh mesh, Path dir) throws IOException {
        SafeFiles.folder(dir, SafeFiles.PUBLIC_FOLDER);
        List<Path> written = new ArrayList<>();
        for (ClusterSpec cluster : mesh.plan().clusters()) {
            Path clusterDir = SafeFiles.folder(dir.resolve(cluster.name()), SafeFiles.PUBLIC_FOLDER);
            for (Manifest m : mesh.manifests(cluster.name())) {
                if (m.method() == ApplyMethod.REMOTE_SECRET) {
                    continue;
                }
                Path file = clusterDir.resolve(m.fileName());
                SafeFiles.write(file, header(m) + m.yaml(), m.hasSecrets() ? SafeFiles.PRIVATE : SafeFiles.PUBLIC);
                written.add(dir.relativize(file));
            }
        }
        Path script = dir.resolve("apply.sh");
        SafeFiles.write(script, ApplyScript.of(mesh), SafeFiles.EXECUTABLE);
        written.add(dir.relativize(script));
        return written;
    }

    private static String header(Manifest m) {
        return switch (m.method()) {
            case ISTIOCTL -> "# Install with: istioctl install -y --context=<context> -f " + m.fileName() + "\n";
            case ALTERNATIVE -> "# Alternative to the plain east-west gateway objects that follow; install with istioctl install -f, not kubectl.\n";
            case API -> m.hasSecrets() ? "# Holds the intermediate CA's private key: keep this file private (mode 0600) and delete it once applied.\n" : "";
            case REMOTE_SECRET -> "";
        };
    }

    static String createRemoteSecretCommand(MeshPlan plan) {
        return IstioReleases.facts(plan.istio().version()).remoteSecretCommand();
    }
}
