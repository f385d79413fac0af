package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.render.ScriptRun;

/** Shell metacharacters in a plan, through the commands a user runs: validate, export, then bash apply.sh. */
class HostileExportTest {
    /**
     * Every value the plan format lets hold them: contexts (any text), the API server's path (what a URI path allows;
     * a command there would be "command not found" on stderr), annotation values.
     */
    static final String PLAN = """
            meshId: mesh1
            topology: primary-remote
            gateway:
              annotations:
                example.com/note: "line one\\nline two $(: > pwned-annotation) `: > pwned-annotation2`"
            clusters:
              - name: cluster-1
                context: "ctx1 '\\"$(: > pwned-dollar)`: > pwned-backtick`;: > pwned-semi&: > pwned-amp|: > pwned-pipe>pwned-gt<x #"
                network: vpc-1
                apiServer: "https://api.example.com:6443/$(pwned-api);x&y'z'*!(a)"
              - name: cluster-2
                context: "c2 $HOME \\\\ * ? [a] ~ {a,b} !! %s ${IFS} \\"'\\""
                network: vpc-2
                role: remote
            """;

    @Test
    void aPlanFullOfShellMetacharactersExportsAScriptThatRunsOnlyKubectlAndIstioctl(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), PLAN);
        CliRunner.Result valid = CliRunner.run("validate", "--plan", plan.toString());
        assertEquals(0, valid.code(), valid.all());
        Path out = dir.resolve("export");
        CliRunner.Result export = CliRunner.run("export", "--plan", plan.toString(), "--out", out.toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        assertEquals(0, export.code(), export.all());
        List<Path> written = export.out().lines().map(line -> out.relativize(Path.of(line))).toList();
        Path script = out.resolve("apply.sh");
        ScriptRun.assertParses(script);
        MeshPlan read = PlanReader.read(plan).plan();
        assertTrue(read.clusters().get(0).context().contains("$(: > pwned-dollar)"), "the reader keeps the text as written");
        ScriptRun.run(script, dir, read).assertRanOnlyThePlansCommands(read, out, written);
    }

    @Test
    void aNewlineInAContextIsRefusedNamingTheFieldAndNothingIsExported(@TempDir Path dir) throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.yaml"), """
                meshId: mesh1
                clusters:
                  - {name: a, context: "ctx\\ntouch pwned #", network: n1}
                  - {name: b, context: "b\\e[2J", network: n2}
                """);
        CliRunner.Result r = CliRunner.run("validate", "--plan", plan.toString());
        assertEquals(1, r.code(), r.all());
        assertTrue(r.out().contains("error CM026 [a] clusters[0].context: clusters[0].context holds a newline (\\n) at character 4 of 'ctx\\ntouch pwned #'"),
                r.out());
        assertTrue(r.out().contains("error CM026 [b] clusters[1].context: clusters[1].context holds an escape character (\\e"), r.out());
        assertTrue(ControlCharacters.firstIn(r.out().replace("\n", "")).isEmpty(), "printed escaped: " + r.out());
        CliRunner.Result export = CliRunner.run("export", "--plan", plan.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, export.code(), export.all());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
