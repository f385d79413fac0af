package dev.crossmesh.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Optional;

import dev.crossmesh.AppDirs;
import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.MeshCaException;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.MeshPlan;
import picocli.CommandLine.Option;

/** Where the mesh CA lives: export and apply make and use it, preflight compares the clusters' cacerts with it. */
public class CaFolderOption {
    @Option(names = "--certs", paramLabel = "DIR",
            description = "folder of the mesh CA (root and per-cluster intermediates); default ~/.crossmesh/meshes/<meshId>/certs")
    Path certs;

    Path folder(MeshPlan plan) {
        return certs != null ? certs : AppDirs.certs(plan.meshId());
    }

    /** The mesh root, when the plan plugs one in and it was made already; nothing is made here. */
    Optional<X509Certificate> existingRoot(MeshPlan plan) {
        CertStore store = new CertStore(folder(plan));
        if (plan.ca() != CaMode.SHARED_ROOT || !store.hasRoot()) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.rootCertificate());
        } catch (IOException e) {
            throw failure(store.dir(), e);
        }
    }

    static CliException failure(Path dir, IOException e) {
        if (e instanceof MeshCaException) {
            return new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        return new CliException(ExitCodes.USAGE, "cannot read or write the mesh CA in " + dir + ": " + e.getMessage(), e);
    }
}
