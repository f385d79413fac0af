package dev.crossmesh.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {
    static MeshPlan valid() {
        return MeshPlan.of("mesh1", List.of(
                new ClusterSpec("cluster-1", "ctx-1", "vpc-1"),
                new ClusterSpec("cluster-2", "ctx-2", "vpc-2")));
    }

    static List<Finding> findings(MeshPlan plan) {
        return PlanValidator.validate(plan);
    }

    static Finding only(MeshPlan plan, String code) {
        List<Finding> matching = findings(plan).stream().filter(f -> f.code().equals(code)).toList();
        assertEquals(1, matching.size(), findings(plan).toString());
        return matching.get(0);
    }

    static MeshPlan withCluster(int i, ClusterSpec c) {
        MeshPlan p = valid();
        List<ClusterSpec> list = new java.util.ArrayList<>(p.clusters());
        list.set(i, c);
        return p.withClusters(list);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://registry.example.com/mirror", "registry example.com", "registry.example.com/Mirror", "r/x:1.0"})
    void aVerifyRegistryThatIsNotOneIsAnErrorOnItsField(String registry) {
        Finding f = only(valid().withVerify(new VerifySpec(registry)), PlanCodes.VERIFY_IMAGE_REGISTRY);
        assertEquals("verify.imageRegistry", f.path());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().startsWith("verify.imageRegistry '") && f.message().contains("registry.example.com") && !f.message().contains("\n"),
                f.message());
    }

    @Test
    void aVerifyRegistryWithANewlineIsAControlCharacterOnItsFieldAndNothingElse() {
        Finding f = only(valid().withVerify(new VerifySpec("reg\nistry.example.com")), PlanCodes.CONTROL_CHARACTER);
        assertEquals("verify.imageRegistry", f.path());
        assertEquals(1, findings(valid().withVerify(new VerifySpec("reg\nistry.example.com"))).size());
    }

    @Test
    void aVerifyRegistryWithPortAndPathIsFine() {
        assertEquals(List.of(), findings(valid().withVerify(new VerifySpec("registry.example.com:5000/mirror/istio"))));
        assertEquals(List.of(), findings(valid().withVerify(new VerifySpec("localhost:5000"))));
    }

    @Test
    void validPlanHasNoFindings() {
        assertEquals(List.of(), findings(valid()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mesh1", "mesh_1", "-mesh", "a-very-long-mesh-id-that-goes-on-and-on-beyond-sixty-three-characters-x"})
    void invalidMeshIdIsAnError(String meshId) {
        Finding f = only(valid().withMeshId(meshId), PlanCodes.MESH_ID);
        assertTrue(f.isError());
        assertEquals("meshId", f.path());
        assertTrue(f.message().contains("DNS-1123"), f.message());
    }

    @Test
    void emptyMeshIdSaysItIsEmpty() {
        assertTrue(only(valid().withMeshId(""), PlanCodes.MESH_ID).message().startsWith("Mesh ID is empty"));
    }

    @Test
    void invalidTrustDomain() {
        assertEquals("trustDomain", only(valid().withTrustDomain("Not A Domain"), PlanCodes.TRUST_DOMAIN).path());
    }

    @Test
    void fewerThanTwoClusters() {
        Finding f = only(valid().withClusters(List.of(new ClusterSpec("a", "a", "n"))), PlanCodes.TOO_FEW_CLUSTERS);
        assertTrue(f.message().contains("has 1"), f.message());
    }

    @Test
    void invalidClusterNameNamesTheFieldAndSuggestsAName() {
        Finding f = only(withCluster(1, new ClusterSpec("Cluster_2", "gke_p_z_c2", "vpc-2")), PlanCodes.CLUSTER_NAME);
        assertEquals("clusters[1].name", f.path());
        assertEquals("Cluster_2", f.cluster());
        assertTrue(f.message().contains("'cluster-2'"), f.message());
    }

    @Test
    void duplicateClusterName() {
        Finding f = only(withCluster(1, new ClusterSpec("cluster-1", "ctx-2", "vpc-2")), PlanCodes.DUPLICATE_CLUSTER_NAME);
        assertEquals("clusters[1].name", f.path());
    }

    @Test
    void missingAndDuplicateContext() {
        assertEquals("clusters[1].context", only(withCluster(1, new ClusterSpec("cluster-2", "", "vpc-2")), PlanCodes.CONTEXT_MISSING).path());
        assertEquals("clusters[1].context", only(withCluster(1, new ClusterSpec("cluster-2", "ctx-1", "vpc-2")), PlanCodes.DUPLICATE_CONTEXT).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "VPC-1", "vpc 1", "vpc-"})
    void invalidNetwork(String network) {
        Finding f = only(withCluster(0, new ClusterSpec("cluster-1", "ctx-1", network)), PlanCodes.NETWORK);
        assertEquals("clusters[0].network", f.path());
        assertEquals("cluster-1", f.cluster());
    }

    @Test
    void singleNetworkIsAWarning() {
        Finding f = only(withCluster(1, new ClusterSpec("cluster-2", "ctx-2", "vpc-1")), PlanCodes.SINGLE_NETWORK);
        assertFalse(f.isError());
        assertFalse(Finding.anyError(findings(withCluster(1, new ClusterSpec("cluster-2", "ctx-2", "vpc-1")))));
    }

    @Test
    void primaryRemoteNeedsAPrimary() {
        MeshPlan p = valid().withTopology(Topology.PRIMARY_REMOTE).withClusters(List.of(
                new ClusterSpec("a", "a", "n1").withRole(Role.REMOTE), new ClusterSpec("b", "b", "n2").withRole(Role.REMOTE)));
        assertTrue(only(p, PlanCodes.NO_PRIMARY).isError());
    }

    @Test
    void remoteRoleInMultiPrimaryIsAnError() {
        Finding f = only(withCluster(1, new ClusterSpec("cluster-2", "ctx-2", "vpc-2").withRole(Role.REMOTE)), PlanCodes.REMOTE_IN_MULTI_PRIMARY);
        assertEquals("clusters[1].role", f.path());
    }

    @Test
    void meshCaNeedsAsm() {
        assertTrue(only(valid().withCa(CaMode.MESH_CA), PlanCodes.MESH_CA_NEEDS_ASM).isError());
        MeshPlan asm = valid().withCa(CaMode.MESH_CA).withIstio(new IstioSpec(Flavor.ASM, IstioReleases.newestStable(), ""));
        assertFalse(Finding.anyError(findings(asm)));
        assertFalse(only(asm, PlanCodes.MESH_CA_TRUST_DOMAIN).isError());
        assertEquals(List.of(), findings(asm.withTrustDomain("my-project.svc.id.goog")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.1", "10.0.0.1:443", "https://", "ftp://x"})
    void apiServerMustBeHttps(String server) {
        Finding f = only(withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withApiServer(server)), PlanCodes.API_SERVER_NOT_HTTPS);
        assertEquals("clusters[0].apiServer", f.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1:6443", "https://localhost", "https://0.0.0.0:6443", "https://localhost.:6443",
            "https://[::1]:6443", "https://[0:0:0:0:0:0:0:1]", "https://[::]", "https://127.1.2.3", "https://LOCALHOST",
            "https://api.localhost", "https://[::ffff:127.0.0.1]"})
    void localApiServerIsAWarning(String server) {
        Finding f = only(withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withApiServer(server)), PlanCodes.API_SERVER_LOCAL);
        assertFalse(f.isError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "1", "one.two", ""})
    void unparseableVersion(String version) {
        assertEquals("istio.version", only(valid().withIstio(new IstioSpec(Flavor.ISTIO, version, "")), PlanCodes.VERSION_UNPARSEABLE).path());
    }

    @Test
    void versionOlderThan18() {
        assertTrue(only(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.7.8", "")), PlanCodes.VERSION_TOO_OLD).isError());
        assertFalse(Finding.anyError(findings(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.8.0", "")))));
    }

    @Test
    void versionBeforeGatewayInjectionWarns() {
        // gateway injection was cherry-picked into 1.9.2 (istio commit 1eb057f0805)
        assertFalse(codes(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.9.1", ""))).get(PlanCodes.GATEWAY_INJECTION_VERSION).isError());
        assertFalse(codes(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.9.2", ""))).containsKey(PlanCodes.GATEWAY_INJECTION_VERSION));
    }

    @Test
    void releasesOutOfSupportNewerThanKnownOrCandidatesWarn() {
        Finding ended = codes(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.20.3", ""))).get(PlanCodes.VERSION_UNSUPPORTED);
        assertFalse(ended.isError());
        assertTrue(ended.message().contains("since 2024-06-25"), ended.message());
        assertFalse(codes(valid().withIstio(new IstioSpec(Flavor.ISTIO, IstioReleases.newestStable(), ""))).containsKey(PlanCodes.VERSION_UNSUPPORTED));
        Finding newer = codes(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.40.0", ""))).get(PlanCodes.VERSION_UNKNOWN_NEWER);
        assertTrue(newer.message().contains("1.31"), newer.message());
        assertFalse(newer.isError());
        assertTrue(codes(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.31.0-rc.0", ""))).containsKey(PlanCodes.VERSION_PRERELEASE));
    }

    @Test
    void primaryRemoteAcrossNetworksNeeds111AndTlsServerNameIsAHostName() {
        MeshPlan remote = valid().withTopology(Topology.PRIMARY_REMOTE)
                .withClusters(List.of(new ClusterSpec("a", "ctx-a", "net-a"), new ClusterSpec("b", "ctx-b", "net-b").withRole(Role.REMOTE)));
        assertTrue(codes(remote.withIstio(new IstioSpec(Flavor.ISTIO, "1.10.6", ""))).get(PlanCodes.REMOTE_NEEDS_RELEASE).isError());
        assertFalse(codes(remote.withIstio(new IstioSpec(Flavor.ISTIO, "1.11.0", ""))).containsKey(PlanCodes.REMOTE_NEEDS_RELEASE));
        MeshPlan named = withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withTlsServerName("bad name"));
        assertEquals("clusters[0].tlsServerName", only(named, PlanCodes.TLS_SERVER_NAME).path());
        MeshPlan old = withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withTlsServerName("api.internal"))
                .withIstio(new IstioSpec(Flavor.ISTIO, "1.25.5", ""));
        assertFalse(codes(old).get(PlanCodes.TLS_SERVER_NAME_VERSION).isError());
    }

    private static Map<String, Finding> codes(MeshPlan plan) {
        Map<String, Finding> byCode = new java.util.LinkedHashMap<>();
        findings(plan).forEach(f -> byCode.putIfAbsent(f.code(), f));
        return byCode;
    }

    @Test
    void invalidRevision() {
        assertEquals("istio.revision", only(valid().withIstio(new IstioSpec(Flavor.ASM, "1.20.3", "ASM_1")), PlanCodes.REVISION).path());
    }

    @Test
    void invalidRegionAndAnnotation() {
        assertEquals("clusters[0].region", only(withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withRegion("eu west")), PlanCodes.REGION).path());
        MeshPlan p = valid().withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of("bad key!", "x")));
        assertEquals("gateway.annotations.bad key!", only(p, PlanCodes.ANNOTATION_KEY).path());
    }

    @Test
    void sanitizeMakesValidLabels() {
        assertEquals("gke-sandbox-111111-asia-south1-a-cluster-1", Dns1123.sanitize("gke_sandbox-111111_asia-south1-a_cluster-1"));
        assertEquals("arn-aws-eks-us-east-1-1234-cluster-prod", Dns1123.sanitize("arn:aws:eks:us-east-1:1234:cluster/Prod"));
        assertEquals("cluster", Dns1123.sanitize("___"));
        String longName = Dns1123.sanitize("x".repeat(100) + "-tail");
        assertTrue(Dns1123.isLabel(longName) && longName.endsWith("tail"), longName);
    }

    @Test
    void versionsParseAndResolveToTheirReleaseEntry() {
        assertEquals(new IstioVersion(1, 24, 3), IstioVersion.of("v1.24.3"));
        assertEquals("1.8", IstioVersion.of("1.8.6-asm.3").minorLine());
        assertEquals("1.8.2", IstioReleases.resolve(IstioVersion.of("1.8.6-asm.3")).facts().version().toString());
        assertEquals("1.9.0", IstioReleases.resolve(IstioVersion.of("1.9.1")).facts().version().toString());
        assertEquals(IstioReleases.Standing.OLDER_THAN_KNOWN, IstioReleases.resolve(IstioVersion.of("1.7.9")).standing());
        assertEquals(IstioReleases.Standing.NEWER_THAN_KNOWN, IstioReleases.resolve(IstioVersion.of("1.32.0")).standing());
        assertEquals(IstioReleases.Standing.KNOWN, IstioReleases.resolve(IstioVersion.of("1.31.4")).standing());
    }

    /** Every string of a plan, with one control character each: each is refused once, naming its field, and printed escaped. */
    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r", "\u0000", "\u001b", "\u0007", "\u007f", "\u0085", "\u009b", "\u2028", "\u202e"})
    void controlCharactersInEveryStringAreRefusedNamingTheField(String control) {
        String bad = "x" + control + "touch pwned #";
        ClusterSpec c = new ClusterSpec("cluster-1", "ctx-1", "vpc-1", "eu", Role.PRIMARY, "https://a.example");
        Map<String, MeshPlan> byPath = new java.util.LinkedHashMap<>();
        byPath.put("meshId", valid().withMeshId(bad));
        byPath.put("trustDomain", valid().withTrustDomain(bad));
        byPath.put("istio.version", valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.24.3" + control, "")));
        byPath.put("istio.revision", valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.24.3", bad)));
        byPath.put("gateway.annotations.a/b", valid().withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of("a/b", "v" + control + "\u001b[31m"))));
        byPath.put("gateway.annotations." + bad, valid().withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of(bad, "v"))));
        byPath.put("clusters[0].name", withCluster(0, c.withName(bad)));
        byPath.put("clusters[0].context", withCluster(0, new ClusterSpec("cluster-1", bad, "vpc-1")));
        byPath.put("clusters[0].network", withCluster(0, c.withNetwork(bad)));
        byPath.put("clusters[0].region", withCluster(0, c.withRegion(bad)));
        byPath.put("clusters[0].apiServer", withCluster(0, c.withApiServer("https://a.example" + control)));
        byPath.forEach((path, plan) -> {
            List<Finding> all = findings(plan);
            List<Finding> onField = all.stream().filter(f -> f.path().equals(ControlCharacters.escape(path))).toList();
            assertEquals(1, onField.size(), path + ": one finding for the field, not one per check: " + all);
            Finding f = onField.get(0);
            assertEquals(PlanCodes.CONTROL_CHARACTER, f.code(), path + ": " + f);
            assertTrue(f.isError(), f.toString());
            assertTrue(f.message().startsWith(ControlCharacters.escape(path) + " holds "), f.message());
            for (Finding any : all) {
                assertTrue(ControlCharacters.firstIn(any.toLine()).isEmpty(), path + ": printed raw: " + any.toLine());
            }
        });
    }

    @Test
    void annotationValuesMayHoldNewlinesAndTabs() {
        MeshPlan p = valid().withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of("example.com/config", "{\n\t\"a\": 1\n}\n")));
        assertEquals(List.of(), findings(p));
    }

    @Test
    void aNewlineInAContextIsDescribedInWords() {
        Finding f = only(withCluster(0, new ClusterSpec("cluster-1", "ctx\ntouch pwned #", "vpc-1")), PlanCodes.CONTROL_CHARACTER);
        assertEquals("clusters[0].context holds a newline (\\n) at character 4 of 'ctx\\ntouch pwned #': control characters are not allowed in a plan;"
                + " remove it (text pasted from a terminal or a file can carry them)", f.message());
        assertEquals("cluster-1", f.cluster());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1", "https://localhost.example.com", "https://127.0.0.1.nip.io", "https://[2001:db8::1]",
            "https://999.0.0.1", "https://0.0.0.1.example"})
    void otherHostsAreNotLoopback(String server) {
        MeshPlan p = withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withApiServer(server));
        assertTrue(findings(p).stream().noneMatch(f -> f.code().equals(PlanCodes.API_SERVER_LOCAL)), findings(p).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://admin:s3cr3t-pa55@api.example.com:6443", "https://s3cr3t-pa55@api.example.com",
            "https://admin:s3cr3t-pa55@[::1]:6443/", "https://admin:s3cr3t pa55@api.example.com", "http://admin:s3cr3t-pa55@api.example.com",
            "admin:s3cr3t-pa55@api.example.com"})
    void credentialsInApiServerAreAnErrorThatNeverRepeatsThem(String server) {
        MeshPlan p = withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withApiServer(server));
        Finding f = only(p, PlanCodes.API_SERVER_CREDENTIALS);
        assertTrue(f.isError());
        assertEquals("clusters[0].apiServer", f.path());
        assertEquals(1, findings(p).size(), "one finding says it: " + findings(p));
        assertFalse(findings(p).toString().contains("s3cr3t"), findings(p).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com?token=abc", "https://api.example.com:6443/?x=1", "https://api.example.com#frag",
            "https://api.example.com/path?"})
    void aQueryOrFragmentInApiServerIsAnError(String server) {
        Finding f = only(withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withApiServer(server)), PlanCodes.API_SERVER_EXTRA_PARTS);
        assertEquals("clusters[0].apiServer", f.path());
        assertTrue(f.isError());
    }

    @Test
    void aPathInApiServerIsFine() {
        assertEquals(List.of(), findings(withCluster(0, new ClusterSpec("cluster-1", "ctx-1", "vpc-1").withApiServer("https://rancher.example.com/k8s/clusters/c-1"))));
    }

    @Test
    void annotationsOver256KbInTotalAreAnErrorAndAtTheLimitAreFine() {
        int limit = 256 * 1024;
        Map<String, String> atLimit = new java.util.LinkedHashMap<>();
        atLimit.put("example.com/a", "x".repeat(limit / 2 - "example.com/a".length()));
        atLimit.put("example.com/b", "é".repeat((limit / 2 - "example.com/b".length()) / 2) + "x"); // é: two bytes in UTF-8
        assertEquals(List.of(), findings(valid().withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, atLimit))));

        Map<String, String> over = new java.util.LinkedHashMap<>(atLimit);
        over.put("example.com/c", "y");
        Finding f = only(valid().withGateway(new GatewaySpec(ServiceType.LOAD_BALANCER, over)), PlanCodes.ANNOTATIONS_TOO_LARGE);
        assertEquals("gateway.annotations", f.path());
        assertTrue(f.message().contains((limit + "example.com/c".length() + 1) + " bytes"), f.message());
        assertTrue(f.message().length() < 400, "the message does not echo the values");
    }

    @Test
    void aRevisionThatMakesIstiodsServiceNameTooLongIsAnErrorNamingTheObject() {
        String longest = "r" + "1".repeat(55); // istiod- + 56 = 63
        assertEquals(List.of(), findings(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.30.3", longest))));
        String tooLong = longest + "2";
        Finding f = only(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.30.3", tooLong)), PlanCodes.OBJECT_NAME_TOO_LONG);
        assertEquals("istio.revision", f.path());
        assertTrue(f.message().contains("Service 'istiod-" + tooLong + "' 64 characters long"), f.message());
        assertTrue(f.message().contains("at most 56"), f.message());
    }

    @Test
    void aHugeRevisionIsNotEchoedWhole() {
        String huge = "r".repeat(100_000);
        Finding f = only(valid().withIstio(new IstioSpec(Flavor.ISTIO, "1.30.3", huge)), PlanCodes.REVISION);
        assertTrue(f.message().length() < 400, f.message());
    }
}
