package dev.crossmesh.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.GatewaySpec;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;

/**
 * apply.sh quotes every value it writes, comments included. The plan here skips validation on purpose (validation
 * refuses control characters): the script must be safe on its own, whatever reaches it.
 */
class ApplyScriptTest {
    /** Each payload leaves a file named pwned-... behind if the shell ever runs it, using only builtins. */
    static String payload(String where) {
        return "'\"$(: > pwned-" + where + "-dollar)`: > pwned-" + where + "-backtick`;: > pwned-" + where + "-semi&: > pwned-" + where
                + "-amp|: > pwned-" + where + "-pipe>pwned-" + where + "-gt \\ * ~ {a,b} !! #";
    }

    static MeshPlan hostilePlan(Topology topology) {
        String newline = "\n: > pwned-comment #";
        ClusterSpec first = new ClusterSpec("c1 $(: > pwned-name1) ;x", "ctx1" + newline + payload("ctx1"), "net\u001b[31m" + newline,
                "", Role.PRIMARY, "https://api.example.com/\u0007" + payload("api"));
        ClusterSpec second = new ClusterSpec("c2 `: > pwned-name2`", "ctx2\r\u0085\u2028" + payload("ctx2"), "net-b" + newline, "",
                topology == Topology.PRIMARY_REMOTE ? Role.REMOTE : Role.PRIMARY, "");
        return new MeshPlan("mesh" + newline + payload("mesh"), null, new IstioSpec(null, "1.24.3", ""), topology, CaMode.SHARED_ROOT,
                new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of("a/b", "x\n$(: > pwned-annotation)")), List.of(first, second), null);
    }

    @ParameterizedTest
    @EnumSource(Topology.class)
    void everyValueIsQuotedSoTheScriptRunsOnlyKubectlAndIstioctlWithThePlansValues(Topology topology, @TempDir Path dir) throws Exception {
        MeshPlan plan = hostilePlan(topology);
        Path out = dir.resolve("export");
        List<Path> written = ExportWriter.write(ManifestRenderer.render(plan, ManifestRendererTest.fakeCerts(plan)), out);
        Path script = out.resolve("apply.sh");
        String text = Files.readString(script);
        for (String line : text.split("\n")) {
            assertFalse(line.startsWith(": > pwned"), "a value's newline started a line of its own:\n" + text);
        }
        assertTrue(text.contains("# --- 'c1 $(: > pwned-name1) ;x': context $'ctx1\\x0a: > pwned-comment #"), text);
        ScriptRun.assertParses(script);
        ScriptRun run = ScriptRun.run(script, dir, plan);
        run.assertRanOnlyThePlansCommands(plan, out, written);
    }
}
