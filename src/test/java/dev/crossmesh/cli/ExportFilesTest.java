package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What export and the mesh CA write: exact modes whatever the umask, and never through a link planted in the folder. */
class ExportFilesTest {
    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static Map<String, String> modes(Path root) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                modes.put(root.relativize(p).toString(), mode(p));
            }
        }
        return modes;
    }

    @Test
    void underUmask000FoldersKeysAndManifestsGetExactlyTheirModes(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), MeshCaCommandsTest.PLAN);
        Path out = dir.resolve("out");
        Path certs = dir.resolve("ca").resolve("certs");
        LauncherProcess.Result r = LauncherProcess.runWithUmask("000", Map.of("CROSSMESH_HOME", dir.resolve("home").toString()),
                "export", "--plan", plan.toString(), "--out", out.toString(), "--certs", certs.toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, r.code(), r.output());

        Map<String, String> export = modes(out);
        for (Map.Entry<String, String> e : export.entrySet()) {
            String name = e.getKey();
            String expected = Files.isDirectory(out.resolve(name)) || name.endsWith(".sh") ? "rwxr-xr-x"
                    : name.endsWith("secret-cacerts.yaml") ? "rw-------" : "rw-r--r--";
            assertEquals(expected, e.getValue(), "export/" + name + " in " + export);
        }
        assertTrue(export.keySet().stream().anyMatch(n -> n.endsWith("secret-cacerts.yaml")), export.toString());
        assertTrue(export.containsKey("apply-helm.sh") && export.keySet().stream().anyMatch(n -> n.startsWith("cluster-1/helm/")), export.toString());

        Map<String, String> ca = modes(certs);
        for (Map.Entry<String, String> e : ca.entrySet()) {
            String name = e.getKey();
            String expected = Files.isDirectory(certs.resolve(name)) ? "rwx------" : name.endsWith("key.pem") ? "rw-------" : "rw-r--r--";
            assertEquals(expected, e.getValue(), "certs/" + name + " in " + ca);
        }
        assertTrue(ca.containsKey("root-key.pem") && ca.containsKey("cluster-1/ca-key.pem"), ca.toString());
        // the folder it made to hold the CA folder (and its lock) is private too: other users cannot swap the CA
        assertEquals("rwx------", mode(certs.getParent()));
    }

    @Test
    void aLinkPlantedAsApplyShIsRefusedNamingItAndWhatItPointsToIsUntouched(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), MeshCaCommandsTest.PLAN);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(out.resolve("apply.sh"), victim);

        CliRunner.Result r = CliRunner.run("export", "--plan", plan.toString(), "--out", out.toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        assertEquals(ExitCodes.USAGE, r.code(), r.all());
        assertTrue(r.err().contains(link + " is a symbolic link"), r.all());
        assertFalse(r.all().contains("Exception"), r.all());
        assertEquals("precious\n", Files.readString(victim));
        assertEquals("rw-r-----", mode(victim), "the file a link points to keeps its mode");
        assertTrue(Files.isSymbolicLink(link), "the link is left for the user to look at");
    }

    @Test
    void aLinkPlantedAsAClusterFolderIsRefusedAndNothingIsWrittenWhereItPoints(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), MeshCaCommandsTest.PLAN);
        Path out = Files.createDirectories(dir.resolve("out"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(out.resolve("cluster-2"), elsewhere);

        CliRunner.Result r = CliRunner.run("export", "--plan", plan.toString(), "--out", out.toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        assertEquals(ExitCodes.USAGE, r.code(), r.all());
        assertTrue(r.err().contains(link + " is a symbolic link"), r.all());
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing written through the link");
        }
        assertEquals("rwx------", mode(elsewhere));
    }

    @Test
    void aLinkPlantedAsAManifestIsReplacedByNothingAndRefused(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), MeshCaCommandsTest.PLAN);
        Path out = dir.resolve("out");
        CliRunner.Result first = CliRunner.run("export", "--plan", plan.toString(), "--out", out.toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, first.code(), first.all());
        Path manifest;
        try (Stream<Path> files = Files.list(out.resolve("cluster-1"))) {
            manifest = files.filter(f -> f.getFileName().toString().endsWith("secret-cacerts.yaml")).findFirst().orElseThrow();
        }
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.delete(manifest);
        Files.createSymbolicLink(manifest, victim);

        CliRunner.Result again = CliRunner.run("export", "--plan", plan.toString(), "--out", out.toString(),
                "--certs", dir.resolve("certs").toString());
        assertEquals(ExitCodes.USAGE, again.code(), again.all());
        assertTrue(again.err().contains(manifest + " is a symbolic link"), again.all());
        assertEquals("precious\n", Files.readString(victim), "the cluster's private key never went where the link points");
    }
}
