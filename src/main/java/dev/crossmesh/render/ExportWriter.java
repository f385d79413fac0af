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
 * file per object named by its apply order, and {@code apply.sh} with the kubectl / istioctl commands in order; for the
 * Helm path, each cluster's chart values in {@code <cluster>/helm/} and {@code apply-helm.sh} (which only says why when
 * the release has no Helm path). Remote secrets are not files: they need a live token, so both scripts make them with
 * {@code istioctl create-remote-secret}. Everything goes through {@link SafeFiles}: exact modes whatever the umask,
 * and a link planted in the folder is refused, never written or chmod-ed through.
 */
public final class ExportWriter {
    public static final String APPLY_SCRIPT = "apply.sh";
    public static final String APPLY_HELM_SCRIPT = "apply-helm.sh";

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
        HelmInstall helm = HelmValues.render(mesh.plan());
        for (HelmRelease r : helm.all()) {
            Path file = dir.resolve(r.path());
            SafeFiles.folder(file.getParent(), SafeFiles.PUBLIC_FOLDER);
            SafeFiles.write(file, r.yaml(), SafeFiles.PUBLIC);
            written.add(dir.relativize(file));
        }
        written.add(writeScript(dir, APPLY_SCRIPT, ApplyScript.of(mesh)));
        written.add(writeScript(dir, APPLY_HELM_SCRIPT, HelmScript.of(mesh, helm)));
        return written;
    }

    private static Path writeScript(Path dir, String name, String text) throws IOException {
        Path script = dir.resolve(name);
        SafeFiles.write(script, text, SafeFiles.EXECUTABLE);
        return dir.relativize(script);
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
