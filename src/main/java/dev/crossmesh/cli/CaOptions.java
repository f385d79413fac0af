package dev.crossmesh.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.crossmesh.certs.CaKeys;
import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the mesh CA lives and what keys it makes; shared by export and apply so both plug in the same root. */
public class CaOptions {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    @Mixin
    CaFolderOption folder;

    @Option(names = "--ca-key-type", paramLabel = "TYPE", defaultValue = "rsa-4096",
            description = "key type of a new mesh CA: rsa-4096 (as Istio's tools), rsa-2048, ec-p256 (fast); default ${DEFAULT-VALUE}")
    String keyType;

    public Map<String, ClusterCerts> load(MeshPlan plan, Terminal terminal) {
        KeyType type = KeyType.parse(keyType).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--ca-key-type '" + keyType + "' is not known; use one of: " + KeyType.choices()));
        if (plan.ca() != CaMode.SHARED_ROOT) {
            return Map.of();
        }
        Path dir = folder.folder(plan);
        try {
            awaitKeys(plan, dir, type, terminal);
            CertStore.Loaded loaded = new CertStore(dir).loadOrCreate(plan.clusters().stream().map(ClusterSpec::name).toList(), type);
            if (loaded.madeRoot()) {
                terminal.problem("made a new mesh root CA (" + type.id() + ") in " + dir + "; its private key is root-key.pem (mode 0600):"
                        + " back the folder up; once every cluster has its intermediate you may move root-key.pem offline (it is needed"
                        + " again only to add a cluster)");
            }
            return loaded.clusters();
        } catch (IOException e) {
            throw CaFolderOption.failure(dir, e);
        }
    }

    /** Makes the keys the CA lacks on every core, saying every few seconds how far it is (50 RSA keys take a while). */
    private static void awaitKeys(MeshPlan plan, Path dir, KeyType type, Terminal terminal) {
        if (plan.ca() != CaMode.SHARED_ROOT) {
            return;
        }
        CaKeys.Preparation keys = CaKeys.prepareFor(dir, plan.clusters().stream().map(ClusterSpec::name).toList(), type);
        try {
            keys.await(PROGRESS_EVERY, (done, total) -> terminal.problem("making the mesh CA in " + dir + ": " + done + " of " + total + " " + type.id() + " keys made"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FINDINGS, "interrupted while making the mesh CA's keys; nothing was written to " + dir);
        }
    }
}
