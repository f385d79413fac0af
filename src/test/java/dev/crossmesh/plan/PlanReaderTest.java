package dev.crossmesh.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReaderTest {
    static final String FULL = """
            meshId: mesh1
            trustDomain: example.org
            istio:
              flavor: asm
              version: "1.20.3-asm.8"
              revision: asm-1203-8
            topology: primary-remote
            ca: mesh-ca
            gateway:
              serviceType: NodePort
              annotations:
                networking.gke.io/load-balancer-type: Internal
            clusters:
              - name: cluster-1
                context: ctx-1
                network: vpc-1
                region: asia-south1
                role: primary
                apiServer: https://10.0.0.1
              - name: cluster-2
                context: ctx-2
                network: vpc-2
                role: remote
            """;

    @Test
    void readsEveryField() throws Exception {
        PlanDocument doc = PlanReader.read(FULL, "test");
        assertEquals(List.of(), doc.readFindings());
        MeshPlan p = doc.plan();
        assertEquals("mesh1", p.meshId());
        assertEquals("example.org", p.trustDomain());
        assertEquals(new IstioSpec(Flavor.ASM, "1.20.3-asm.8", "asm-1203-8"), p.istio());
        assertEquals(Topology.PRIMARY_REMOTE, p.topology());
        assertEquals(CaMode.MESH_CA, p.ca());
        assertEquals(new GatewaySpec(ServiceType.NODE_PORT, Map.of("networking.gke.io/load-balancer-type", "Internal")), p.gateway());
        assertEquals(new ClusterSpec("cluster-1", "ctx-1", "vpc-1", "asia-south1", Role.PRIMARY, "https://10.0.0.1"), p.clusters().get(0));
        assertEquals(new ClusterSpec("cluster-2", "ctx-2", "vpc-2", "", Role.REMOTE, ""), p.clusters().get(1));
    }

    @Test
    void appliesDefaultsForOptionalKeys() throws Exception {
        MeshPlan p = PlanReader.read("meshId: m\nclusters:\n  - {name: a, context: a, network: n1}\n", "t").plan();
        assertEquals(MeshPlan.DEFAULT_TRUST_DOMAIN, p.trustDomain());
        assertEquals(IstioSpec.defaults(), p.istio());
        assertEquals(Topology.MULTI_PRIMARY, p.topology());
        assertEquals(CaMode.SHARED_ROOT, p.ca());
        assertEquals(GatewaySpec.defaults(), p.gateway());
        assertEquals(Role.PRIMARY, p.clusters().get(0).role());
    }

    @Test
    void roundTripGivesTheSamePlan(@TempDir Path dir) throws Exception {
        MeshPlan original = PlanReader.read(FULL, "test").plan();
        Path file = dir.resolve("plan.yaml");
        PlanWriter.write(original, file);
        PlanDocument again = PlanReader.read(file);
        assertEquals(List.of(), again.readFindings());
        assertEquals(original, again.plan());
        assertEquals(PlanWriter.toYaml(original), PlanWriter.toYaml(again.plan()));
    }

    @Test
    void exampleFilesRoundTrip() throws Exception {
        for (String name : List.of("two-clusters.yaml", "primary-remote.yaml")) {
            PlanDocument doc = PlanReader.read(Path.of("examples", name));
            assertEquals(List.of(), doc.allFindings(), name);
            assertEquals(doc.plan(), PlanReader.read(PlanWriter.toYaml(doc.plan()), name).plan(), name);
        }
    }

    @Test
    void theVerifySectionNamesTheChecksRegistryAndIsWrittenOnlyWhenSet(@TempDir Path dir) throws Exception {
        String text = "meshId: m\nclusters:\n  - {name: a, context: a, network: n1}\nverify:\n  imageRegistry: ' registry.example.com:5000/mirror '\n";
        PlanDocument doc = PlanReader.read(text, "t");
        assertEquals(List.of(), doc.readFindings());
        assertEquals(new VerifySpec("registry.example.com:5000/mirror"), doc.plan().verify());
        Path file = dir.resolve("plan.yaml");
        PlanWriter.write(doc.plan(), file);
        assertTrue(Files.readString(file).contains("verify:\n  imageRegistry: registry.example.com:5000/mirror\n"), Files.readString(file));
        assertEquals(doc.plan(), PlanReader.read(file).plan());

        MeshPlan plain = PlanReader.read("meshId: m\n", "t").plan();
        assertEquals(VerifySpec.defaults(), plain.verify());
        assertTrue(!PlanWriter.toYaml(plain).contains("verify"), "a plan that does not set it does not grow the section");
        Finding f = only(PlanReader.read("meshId: m\nverify:\n  imageRegistri: x\n", "t").readFindings());
        assertEquals(PlanCodes.UNKNOWN_KEY, f.code());
        assertEquals("verify.imageRegistri", f.path());
        assertTrue(f.message().contains("did you mean 'imageRegistry'?"), f.message());
    }

    @Test
    void unknownKeyIsAnErrorWithLineAndSuggestion() throws Exception {
        PlanDocument doc = PlanReader.read("meshId: m\nclusters:\n  - name: a\n    context: a\n    netwrok: n1\n", "t");
        Finding f = only(doc.readFindings());
        assertEquals(PlanCodes.UNKNOWN_KEY, f.code());
        assertEquals("clusters[0].netwrok", f.path());
        assertTrue(f.message().contains("line 5, column 5"), f.message());
        assertTrue(f.message().contains("did you mean 'network'"), f.message());
    }

    @Test
    void unknownTopLevelKeyListsWhatIsAllowedWhenNothingIsClose() throws Exception {
        Finding f = only(PlanReader.read("meshId: m\nzzz: 1\n", "t").readFindings());
        assertEquals(PlanCodes.UNKNOWN_KEY, f.code());
        assertTrue(f.message().contains("allowed here: ca, clusters, gateway"), f.message());
    }

    @Test
    void unknownEnumValueNamesTheChoices() throws Exception {
        Finding f = only(PlanReader.read("meshId: m\ntopology: multi-primry\n", "t").readFindings());
        assertEquals(PlanCodes.UNKNOWN_VALUE, f.code());
        assertEquals("topology", f.path());
        assertTrue(f.message().contains("multi-primary | primary-remote"), f.message());
        assertTrue(f.message().contains("line 2"), f.message());
    }

    @Test
    void duplicateKeyIsReported() throws Exception {
        Finding f = only(PlanReader.read("meshId: a\nmeshId: b\n", "t").readFindings());
        assertEquals(PlanCodes.DUPLICATE_KEY, f.code());
        assertTrue(f.message().contains("line 2"), f.message());
    }

    @Test
    void wrongTypesAreFindingsNotCrashes() throws Exception {
        PlanDocument doc = PlanReader.read("meshId: [a, b]\nclusters: none\nistio: 3\n", "t");
        assertEquals(List.of(PlanCodes.WRONG_TYPE, PlanCodes.WRONG_TYPE, PlanCodes.WRONG_TYPE),
                doc.readFindings().stream().map(Finding::code).toList());
        assertEquals("", doc.plan().meshId());
    }

    @Test
    void badYamlReportsLineAndColumn() {
        PlanFileException e = assertThrows(PlanFileException.class,
                () -> PlanReader.read("meshId: m\nclusters:\n  - name: a\n   context: b\n", "plan.yaml"));
        assertTrue(e.getMessage().startsWith("plan.yaml is not valid YAML at line 4"), e.getMessage());
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        PlanFileException e = assertThrows(PlanFileException.class, () -> PlanReader.read(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void emptyAndNonMappingFilesAreRejected(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("e.yaml"), "");
        assertTrue(assertThrows(PlanFileException.class, () -> PlanReader.read(empty)).getMessage().contains("is empty"));
        assertTrue(assertThrows(PlanFileException.class, () -> PlanReader.read("- a\n- b\n", "l.yaml")).getMessage().contains("not a plan"));
    }

    @Test
    void versionIsKeptAsWrittenEvenWhenUnquoted() throws Exception {
        assertEquals("1.10", PlanReader.read("meshId: m\nistio:\n  version: 1.10\n", "t").plan().istio().version());
    }

    static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Test
    void aPlanOver1MbIsRefusedAtOnceWithItsSize(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("big.yaml");
        byte[] tenMb = ("meshId: mesh1\ngateway:\n  annotations:\n    example.com/a: \"" + "x".repeat(10 * 1024 * 1024) + "\"\n").getBytes();
        Files.write(plan, tenMb);
        long start = System.nanoTime();
        PlanFileException e = assertThrows(PlanFileException.class, () -> PlanReader.read(plan));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "refused without parsing");
        assertTrue(e.getMessage().contains(plan + " is 10.0 MB (" + tenMb.length + " bytes); a plan is at most 1 MB"), e.getMessage());

        Files.write(plan, new byte[PlanReader.MAX_BYTES + 1]);
        assertTrue(assertThrows(PlanFileException.class, () -> PlanReader.read(plan)).getMessage().contains("1.0 MB (1048577 bytes)"));
    }

    @Test
    void anEndlessFileIsRefusedWithoutReadingItAll() throws Exception {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
        PlanFileException e = assertThrows(PlanFileException.class, () -> PlanReader.read(zero));
        assertTrue(e.getMessage().contains("/dev/zero is over 1 MB"), e.getMessage());
    }

    @Test
    void aPlanThatIsNotUtf8NamesTheLineAndColumn(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("latin1.yaml");
        Files.write(plan, "meshId: mesh1\nclusters:\n  - {name: café, context: c}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        PlanFileException e = assertThrows(PlanFileException.class, () -> PlanReader.read(plan));
        assertEquals(plan + " is not UTF-8 text: line 3, column 15 holds the byte 0xE9, which UTF-8 does not allow there"
                + " (Latin-1 or Windows-1252 text?); save the plan as UTF-8", e.getMessage());

        Files.write(plan, "meshId: é1\nx: \u00e9\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] mixed = Files.readAllBytes(plan);
        mixed[mixed.length - 1] = (byte) 0xFF;
        Files.write(plan, mixed);
        assertTrue(assertThrows(PlanFileException.class, () -> PlanReader.read(plan)).getMessage().contains("line 2, column 5 holds the byte 0xC3"));

        Files.write(plan, "meshId: mesh1\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertTrue(assertThrows(PlanFileException.class, () -> PlanReader.read(plan)).getMessage().contains("is UTF-16 text"));
    }

    @Test
    void annotationValuesKeepTheirExactText(@TempDir Path dir) throws Exception {
        String yaml = """
                meshId: mesh1
                gateway:
                  annotations:
                    example.com/block: |
                      line one
                    example.com/quoted: "  padded  "
                    example.com/newline: "x\\n"
                clusters:
                  - {name: cluster-1, context: c1, network: n1}
                  - {name: cluster-2, context: c2, network: n2}
                """;
        Map<String, String> annotations = PlanReader.read(yaml, "plan.yaml").plan().gateway().annotations();
        assertEquals("line one\n", annotations.get("example.com/block"));
        assertEquals("  padded  ", annotations.get("example.com/quoted"));
        assertEquals("x\n", annotations.get("example.com/newline"));
        Path written = dir.resolve("again.yaml");
        PlanWriter.write(PlanReader.read(yaml, "plan.yaml").plan(), written);
        assertEquals(annotations, PlanReader.read(written).plan().gateway().annotations(), "and again after the wizard saves it");
    }
}
