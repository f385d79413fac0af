package dev.crossmesh;

import java.nio.file.Path;

/**
 * Where crossmesh keeps its own files: {@code ~/.crossmesh}, or the folder named by the system property
 * {@code crossmesh.home} or the environment variable {@code CROSSMESH_HOME} (tests and scripts use them).
 */
public final class AppDirs {
    private AppDirs() {
    }

    public static Path home() {
        String property = System.getProperty("crossmesh.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("CROSSMESH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".crossmesh");
    }

    /** The mesh CA of one mesh, shared by export, apply and the GUI so that they all plug in the same root. */
    public static Path certs(String meshId) {
        return home().resolve("meshes").resolve(meshId).resolve("certs");
    }

    /** The kubeconfig the demo clusters write by default; never the user's ~/.kube/config. */
    public static Path demoKubeconfig() {
        return home().resolve("demo").resolve("kubeconfig");
    }
}
