package dev.crossmesh.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-made bad plans, as a hostile review wrote them: each is refused by validate and export with exit 1 or 2,
 * naming the field (or the file's problem), in under a second, printing nothing raw and nothing it was told to hide.
 */
class HostilePlansTest {
    static final String GOOD_CLUSTERS = "  - {name: b, context: ctx-b, network: net-b}\n";

    static String plan(String mesh, String firstCluster) {
        return mesh + "clusters:\n" + firstCluster + GOOD_CLUSTERS;
    }

    static String cluster(String fields) {
        return "  - {name: a, context: ctx-a, network: net-a, " + fields + "}\n";
    }

    static Stream<Arguments> plans() {
        String mesh = "meshId: m1\n";
        return Stream.of(
                Arguments.of("newline in meshId", plan("meshId: \"m1\\ntouch pwned #\"\n", cluster("region: r")), "meshId"),
                Arguments.of("newline in context", plan(mesh, "  - {name: a, context: \"ctx\\ntouch pwned #\", network: net-a}\n"), "clusters[0].context"),
                Arguments.of("command substitution in name", plan(mesh, "  - {name: \"a$(touch pwned)\", context: ctx-a, network: net-a}\n"), "clusters[0].name"),
                Arguments.of("backticks in network", plan(mesh, "  - {name: a, context: ctx-a, network: \"`touch pwned`\"}\n"), "clusters[0].network"),
                Arguments.of("shell operators in network", plan(mesh, "  - {name: a, context: ctx-a, network: \"n;a&b|c>d<e\"}\n"), "clusters[0].network"),
                Arguments.of("ESC in region", plan(mesh, cluster("region: \"\\e[2J\\e[31mred\"")), "clusters[0].region"),
                Arguments.of("C1 control in context", plan(mesh, "  - {name: a, context: \"ctx\\x85x\", network: net-a}\n"), "clusters[0].context"),
                Arguments.of("NUL in trustDomain", plan(mesh + "trustDomain: \"a\\0b\"\n", cluster("region: r")), "trustDomain"),
                Arguments.of("quotes in trustDomain", plan(mesh + "trustDomain: \"a'b\\\"c\"\n", cluster("region: r")), "trustDomain"),
                Arguments.of("credentials in apiServer", plan(mesh, cluster("apiServer: \"https://admin:s3cr3t-pass@api.example.com\"")), "clusters[0].apiServer"),
                Arguments.of("query in apiServer", plan(mesh, cluster("apiServer: \"https://api.example.com/?x=$(id)\"")), "clusters[0].apiServer"),
                Arguments.of("fragment in apiServer", plan(mesh, cluster("apiServer: \"https://api.example.com/#frag\"")), "clusters[0].apiServer"),
                Arguments.of("newline in tlsServerName", plan(mesh, cluster("tlsServerName: \"a\\nb\"")), "clusters[0].tlsServerName"),
                Arguments.of("command in istio.version", plan(mesh + "istio: {version: \"1.30.3; rm -rf /\"}\n", cluster("region: r")), "istio.version"),
                Arguments.of("revision too long", plan(mesh + "istio: {version: \"1.30.3\", revision: \"" + "r".repeat(70) + "\"}\n", cluster("region: r")), "istio.revision"),
                Arguments.of("annotations over 256 KB", plan(mesh + "gateway: {annotations: {a/b: \"" + "x".repeat(300_000) + "\"}}\n", cluster("region: r")), "gateway.annotations"),
                Arguments.of("escape in an annotation key", plan(mesh + "gateway: {annotations: {\"a\\e[1m\": v}}\n", cluster("region: r")), "gateway.annotations"),
                Arguments.of("substitution in verify.imageRegistry", plan(mesh + "verify: {imageRegistry: \"$(touch pwned)\"}\n", cluster("region: r")), "verify.imageRegistry"),
                Arguments.of("same cluster name twice", mesh + "clusters:\n  - {name: b, context: ctx-a, network: net-a}\n" + GOOD_CLUSTERS, "clusters"),
                Arguments.of("a YAML alias bomb", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                        + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                        + "g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" + plan(mesh, cluster("region: r")), "alias"),
                Arguments.of("deep nesting", mesh + "x: " + "[".repeat(5000) + "]".repeat(5000) + "\n" + "clusters:\n" + cluster("region: r") + GOOD_CLUSTERS, "nested deeper than 50 levels"),
                Arguments.of("an empty file", "", "empty"),
                Arguments.of("a plan of 2 MB", plan(mesh, cluster("region: r")) + "# " + "x".repeat(2_000_000) + "\n", "MB"));
    }

    static Path dir;

    @BeforeAll
    static void warmUp(@TempDir Path temp) throws Exception {
        dir = temp;
        // the first command of a JVM loads picocli, snakeyaml and the validator: not what a user waits for twice
        CliRunner.run("validate", "--plan", Files.writeString(temp.resolve("warm.yaml"), plan("meshId: m1\n", cluster("region: r"))).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void isRefusedNamingItsFieldInUnderASecond(String what, String text, String field) throws Exception {
        Path file = Files.write(dir.resolve(what.replace(' ', '-') + ".yaml"), text.getBytes(StandardCharsets.UTF_8));
        for (List<String> command : List.of(List.of("validate"), List.of("export", "--out", dir.resolve("out-" + what.replace(' ', '-')).toString(),
                "--certs", dir.resolve("certs").toString(), "--ca-key-type", "ec-p256"))) {
            String[] args = Stream.concat(command.stream(), Stream.of("--plan", file.toString())).toArray(String[]::new);
            long start = System.nanoTime();
            CliRunner.Result r = CliRunner.run(args);
            long millis = (System.nanoTime() - start) / 1_000_000;
            String all = r.all();
            assertTrue(r.code() == 1 || r.code() == 2, command.get(0) + " of " + what + ": exit " + r.code() + "\n" + all);
            assertTrue(all.contains(field), command.get(0) + " of " + what + " names " + field + ":\n" + all);
            assertTrue(millis < 1000, command.get(0) + " of " + what + " took " + millis + " ms");
            assertFalse(all.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f),
                    "no control character printed raw: " + all.replaceAll("\\p{Cntrl}", "?"));
            assertFalse(all.contains("s3cr3t-pass"), "the apiServer's password is never printed: " + all);
            assertFalse(all.contains("Exception") || all.contains("\tat "), "no stack trace: " + all);
            assertFalse(Files.exists(dir.resolve("out-" + what.replace(' ', '-')).resolve("apply.sh")), "nothing exported for " + what);
        }
    }
}
