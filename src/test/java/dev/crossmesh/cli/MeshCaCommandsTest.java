package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.ClusterCerts;
import io.fabric8.kubernetes.api.model.Secret;

/** The mesh CA through the commands: parallel first exports and applies, the root key offline, damaged files. */
class MeshCaCommandsTest {
    static final String PLAN = "meshId: mesh1\nclusters:\n  - {name: cluster-1, context: c1, network: n1}\n  - {name: cluster-2, context: c2, network: n2}\n";

    @SuppressWarnings("unchecked")
    static String exportedRoot(Path out, String cluster) throws Exception {
        Path file;
        try (var files = Files.list(out.resolve(cluster))) {
            file = files.filter(f -> f.getFileName().toString().endsWith("secret-cacerts.yaml")).findFirst().orElseThrow();
        }
        Map<String, Object> secret = new Yaml().load(Files.readString(file));
        return ((Map<String, String>) secret.get("stringData")).get("root-cert.pem");
    }

    @Test
    void exportsStartedAtOnceInSeparateProcessesShareOneRoot(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), PLAN);
        Path certs = dir.resolve("certs");
        int n = 3;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<LauncherProcess.Result>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String out = dir.resolve("out-" + i).toString();
                runs.add(pool.submit(() -> LauncherProcess.run(Map.of("CROSSMESH_HOME", dir.resolve("home").toString()),
                        "export", "--plan", plan.toString(), "--out", out, "--certs", certs.toString(), "--ca-key-type", "rsa-2048")));
            }
            int madeRoot = 0;
            for (Future<LauncherProcess.Result> run : runs) {
                LauncherProcess.Result r = run.get();
                assertEquals(0, r.code(), r.output());
                madeRoot += r.output().contains("made a new mesh root CA") ? 1 : 0;
            }
            assertEquals(1, madeRoot, "one of them made the root, the others used it");
            String root = Files.readString(certs.resolve("root-cert.pem"));
            for (int i = 0; i < n; i++) {
                for (String cluster : List.of("cluster-1", "cluster-2")) {
                    assertEquals(root, exportedRoot(dir.resolve("out-" + i), cluster), "out-" + i + "/" + cluster);
                }
            }
            // and the folder is whole: every file checks out
            new CertStore(certs).loadOrCreate(List.of("cluster-1", "cluster-2"), KeyType.EC_P256);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void appliesStartedAtOnceGiveEveryClusterTheSameRootAndDiffThenFindsNothing(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<CliRunner.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return CliRunner.run(KubeCommandsTest.concat(new String[] {"apply", "--yes", "--wait", "10"}, s.common(),
                            new String[] {"--certs", dir.resolve("certs").toString(), "--ca-key-type", "rsa-2048"}));
                }));
            }
            for (Future<CliRunner.Result> run : runs) {
                CliRunner.Result r = run.get();
                assertEquals(0, r.code(), r.all());
            }
            pool.shutdownNow();
            String root = Files.readString(dir.resolve("certs/root-cert.pem"));
            Set<String> live = s.demo().servers().stream()
                    .map(server -> server.adminClient().secrets().inNamespace("istio-system").withName("cacerts").get())
                    .map(Secret::getData).map(d -> new String(Base64.getDecoder().decode(d.get("root-cert.pem")), java.nio.charset.StandardCharsets.US_ASCII))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(root), live, "one root in every cluster, the folder's");
            CliRunner.Result diff = s.run("diff");
            assertEquals(0, diff.code(), diff.all());
            assertTrue(diff.out().contains(" 0 to create, 0 to update,"), diff.out());
            CliRunner.Result preflight = s.run("preflight");
            assertFalse(preflight.out().contains("CM027"), preflight.out());
        }
    }

    /** A cacerts of another root is found by preflight (CM027) and diff (an update naming the roots), and apply heals it. */
    @Test
    void aClusterOnAnotherRootIsAFindingAndAnUpdateUntilApplyHealsIt(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            assertEquals(0, s.run("apply", "--yes", "--wait", "10").code());
            var cacerts = s.demo().server("demo-cluster-2").adminClient().secrets().inNamespace("istio-system").withName("cacerts");
            // what a second first apply at once did before the lock: another crossmesh run, as field manager crossmesh, with its own root
            ClusterCerts other = new CertStore(dir.resolve("other")).loadOrCreate(List.of("cluster-2"), KeyType.EC_P256).clusters().get("cluster-2");
            Base64.Encoder b64 = Base64.getEncoder();
            Secret otherRoot = cacerts.get();
            otherRoot.getMetadata().setManagedFields(null);
            otherRoot.getMetadata().setResourceVersion(null);
            otherRoot.setData(Map.of("ca-cert.pem", b64.encodeToString(other.caCertPem().getBytes()), "ca-key.pem",
                    b64.encodeToString(other.caKeyPem().getBytes()), "root-cert.pem", b64.encodeToString(other.rootCertPem().getBytes()),
                    "cert-chain.pem", b64.encodeToString(other.certChainPem().getBytes())));
            s.demo().server("demo-cluster-2").adminClient().resource(otherRoot).fieldManager("crossmesh").serverSideApply();

            CliRunner.Result preflight = s.run("preflight");
            assertEquals(0, preflight.code(), preflight.all());
            assertTrue(preflight.out().contains("warning CM027 [cluster-2]") && preflight.out().contains("its cacerts Secret plugs in root "),
                    preflight.out());
            assertFalse(preflight.out().contains("CM027 [cluster-1]"), preflight.out());
            CliRunner.Result diff = s.run("diff");
            assertTrue(diff.out().contains(" 0 to create, 1 to update,"), diff.out());
            assertTrue(diff.out().contains("~ update     Secret istio-system/cacerts"), diff.out());
            assertTrue(diff.out().contains("not the mesh CA's root"), diff.out());

            assertEquals(0, s.run("apply", "--yes", "--wait", "10").code());
            assertTrue(s.run("diff").out().contains(" 0 to create, 0 to update,"));
            assertFalse(s.run("preflight").out().contains("CM027"));

            // made by someone else: an error, as apply leaves it
            cacerts.edit(secret -> {
                secret.getMetadata().setLabels(Map.of());
                secret.setData(Map.of("root-cert.pem", b64.encodeToString(other.rootCertPem().getBytes())));
                return secret;
            });
            preflight = s.run("preflight");
            assertEquals(1, preflight.code(), preflight.all());
            assertTrue(preflight.out().contains("error CM027 [cluster-2]") && preflight.out().contains("apply leaves it"), preflight.out());
        }
    }

    @Test
    void withTheRootKeyOfflineExportUsesTheIntermediatesAndANewClusterStopsSayingWhereToPutItBack(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), PLAN);
        Path certs = dir.resolve("certs");
        String[] ca = {"--certs", certs.toString(), "--ca-key-type", "ec-p256"};
        assertEquals(0, CliRunner.run(KubeCommandsTest.concat(new String[] {"export", "--plan", plan.toString(), "--out", dir.resolve("a").toString()}, ca)).code());
        String root = Files.readString(certs.resolve("root-cert.pem"));
        Files.move(certs.resolve("root-key.pem"), dir.resolve("offline-root-key.pem"));

        CliRunner.Result again = CliRunner.run(KubeCommandsTest.concat(new String[] {"export", "--plan", plan.toString(), "--out", dir.resolve("b").toString()}, ca));
        assertEquals(0, again.code(), again.all());
        assertFalse(again.err().contains("made a new mesh root"), again.err());
        assertEquals(root, Files.readString(certs.resolve("root-cert.pem")), "root-cert.pem is never overwritten");
        assertEquals(Files.readString(dir.resolve("a/cluster-1/02-secret-cacerts.yaml")), Files.readString(dir.resolve("b/cluster-1/02-secret-cacerts.yaml")));

        Path bigger = Files.writeString(dir.resolve("bigger.yaml"), PLAN + "  - {name: cluster-3, context: c3, network: n3}\n");
        CliRunner.Result third = CliRunner.run(KubeCommandsTest.concat(new String[] {"export", "--plan", bigger.toString(), "--out", dir.resolve("c").toString()}, ca));
        assertEquals(2, third.code(), third.all());
        assertTrue(third.err().contains("cluster(s) cluster-3 have no intermediate certificate")
                && third.err().contains("Put it back as " + certs.resolve("root-key.pem").toAbsolutePath()), third.err());
        assertFalse(Files.exists(dir.resolve("c")), "nothing exported");
        assertEquals(root, Files.readString(certs.resolve("root-cert.pem")));
    }

    @Test
    void aDamagedCaFileIsRefusedWithItsPathAndNeverAppliedOverAWorkingCacerts(@TempDir Path dir) throws Exception {
        try (KubeCommandsTest.Setup s = KubeCommandsTest.Setup.start(dir, null)) {
            CliRunner.Result apply = s.run("apply", "--yes", "--wait", "10");
            assertEquals(0, apply.code(), apply.all());
            var secrets = s.demo().server("demo-cluster-1").adminClient().secrets().inNamespace("istio-system").withName("cacerts");
            Map<String, String> working = secrets.get().getData();
            Path caCert = dir.resolve("certs/cluster-1/ca-cert.pem");
            Files.writeString(caCert, "");
            for (String command : List.of("apply", "diff", "export")) {
                CliRunner.Result r = command.equals("export") ? CliRunner.run(KubeCommandsTest.concat(new String[] {"export", "--out",
                        dir.resolve("out").toString(), "--plan", s.plan().toString()}, s.ca())) : command.equals("apply") ? s.run(command, "--yes") : s.run(command);
                assertEquals(2, r.code(), command + ": " + r.all());
                assertTrue(r.err().contains("mesh CA file " + caCert + " is empty"), r.err());
                assertFalse(r.err().contains("Exception"), r.err());
            }
            CliRunner.Result preflight = s.run("preflight");
            assertTrue(preflight.code() == 0 || preflight.code() == 1, preflight.code() + preflight.all());
            Files.writeString(dir.resolve("certs/root-cert.pem"), "garbage");
            preflight = s.run("preflight");
            assertEquals(2, preflight.code(), preflight.all());
            assertTrue(preflight.err().contains("mesh CA file " + dir.resolve("certs/root-cert.pem") + " holds no PEM certificate"), preflight.err());
            assertEquals(working, secrets.get().getData(), "the working cacerts is as it was");
        }
    }
}
