package dev.crossmesh.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import dev.crossmesh.AppDirs;
import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.MeshPlan;
import picocli.CommandLine.Option;

/** Where the mesh CA lives and what keys it makes; shared by export and apply so both plug in the same root. */
public class CaOptions {
    @Option(names = "--certs", paramLabel = "DIR",
            description = "folder of the mesh CA (root and per-cluster intermediates); default ~/.crossmesh/meshes/<meshId>/certs")
    Path certs;

    @Option(names = "--ca-key-type", paramLabel = "TYPE", defaultValue = "rsa-4096",
            description = "key type of a new mesh CA: rsa-4096 (as Istio's tools), rsa-2048, ec-p256 (fast); default ${DEFAULT-VALUE}")
    String keyType;

    public Map<String, ClusterCerts> load(MeshPlan plan, Terminal terminal) {
        KeyType type = KeyType.parse(keyType).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--ca-key-type '" + keyType + "' is not known; use one of: " + KeyType.choices()));
        Path dir = certs != null ? certs : AppDirs.certs(plan.meshId());
        try {
            boolean fresh = !new CertStore(dir).hasRoot();
            Map<String, ClusterCerts> result = CertStore.forPlan(plan, dir, type);
            if (fresh && !result.isEmpty()) {
                terminal.problem("made a new mesh root CA (" + type.id() + ") in " + dir + "; its private key is root-key.pem (mode 0600): back it up and keep it private");
            }
            return result;
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read or write the mesh CA in " + dir + ": " + e.getMessage(), e);
        }
    }
}
