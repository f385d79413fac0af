package dev.crossmesh.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;

/** The rules on their own, for what the demo-cluster tests do not set up: primary-remote, and reading odd objects. */
class StatusChecksTest {
    static final MeshPlan PRIMARY_REMOTE = MeshPlan.of("mesh1", List.of(
            new ClusterSpec("primary-1", "ctx-p", "vpc-1", "", Role.PRIMARY, ""),
            new ClusterSpec("remote-1", "ctx-r", "vpc-2", "", Role.REMOTE, ""))).withTopology(Topology.PRIMARY_REMOTE);

    static ClusterStatus healthy(MeshPlan plan, ClusterSpec c, List<RemoteSecret> secrets, boolean istiod) {
        return healthy(plan, c, secrets, istiod, new RootCertificate("ab", "ab", true));
    }

    static ClusterStatus healthy(MeshPlan plan, ClusterSpec c, List<RemoteSecret> secrets, boolean istiod, RootCertificate root) {
        List<String> expected = plan.remoteSecretSources(c).stream().map(ClusterSpec::name).toList();
        boolean primary = plan.primaries().contains(c);
        GatewayStatus gateway = new GatewayStatus("istio-eastwestgateway", "LoadBalancer", "203.0.113.7", "", c.network(),
                List.of(new GatewayPort("tls", 15443, 0)), 15021, 1, 1, new ProbeResult(ProbeState.READY, "u", "HTTP 200", Instant.EPOCH));
        List<IstioGateway> gateways = primary ? List.of(new IstioGateway("cross-network-gateway", "networking.istio.io/v1", Map.of("istio", "eastwestgateway"),
                List.of(new IstioGateway.Server(15443, "TLS", "AUTO_PASSTHROUGH", List.of("*.local"))))) : List.of();
        return new ClusterStatus(c.name(), c.context(), c.network(), primary, true, false, ConnectionState.SYNCED, "", true, c.network(),
                istiod ? new IstiodStatus(1, 1, dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION, c.name(), "mesh1", "cluster.local") : IstiodStatus.none(),
                gateway, gateways, true, secrets, expected, root, List.of(), null, Instant.EPOCH);
    }

    @Test
    void primaryRemoteWantsOneSecretOnThePrimaryAndNoIstiodOnTheRemote() {
        ClusterSpec p = PRIMARY_REMOTE.clusters().get(0);
        ClusterSpec r = PRIMARY_REMOTE.clusters().get(1);
        List<ClusterStatus> ok = List.of(healthy(PRIMARY_REMOTE, p, List.of(new RemoteSecret("istio-remote-secret-remote-1", List.of("remote-1"))), true),
                healthy(PRIMARY_REMOTE, r, List.of(), false));
        assertEquals(List.of(), StatusChecks.check(PRIMARY_REMOTE, ok));
        MeshStatus status = new MeshStatus("mesh1", Instant.EPOCH, ok, List.of());
        assertEquals(RemoteSecretMatrix.Cell.PRESENT, status.remoteSecretMatrix().cell("primary-1", "remote-1"));
        assertEquals(RemoteSecretMatrix.Cell.NOT_NEEDED, status.remoteSecretMatrix().cell("remote-1", "primary-1"));

        List<ClusterStatus> wrongWay = List.of(healthy(PRIMARY_REMOTE, p, List.of(), true),
                healthy(PRIMARY_REMOTE, r, List.of(new RemoteSecret("istio-remote-secret-primary-1", List.of("primary-1"))), false));
        List<Finding> findings = StatusChecks.check(PRIMARY_REMOTE, wrongWay);
        assertEquals(List.of(StatusCodes.REMOTE_SECRET_MISSING, StatusCodes.REMOTE_SECRET_EXTRA), findings.stream().map(Finding::code).toList());
        assertEquals("primary-1", findings.get(0).cluster());
        assertTrue(findings.get(1).message().contains("remote-1 is a remote cluster: it runs no istiod to read it"), findings.get(1).message());
        assertEquals(RemoteSecretMatrix.Cell.EXTRA, new MeshStatus("mesh1", Instant.EPOCH, wrongWay, findings).remoteSecretMatrix().cell("remote-1", "primary-1"));
    }

    @Test
    void istiodsOwnViewOfItsRemoteClustersIsCheckedAgainstItsSecrets() {
        ClusterSpec p = PRIMARY_REMOTE.clusters().get(0);
        ClusterSpec r = PRIMARY_REMOTE.clusters().get(1);
        ClusterStatus remote = healthy(PRIMARY_REMOTE, r, List.of(), false);
        ClusterStatus primary = healthy(PRIMARY_REMOTE, p, List.of(new RemoteSecret("istio-remote-secret-remote-1", List.of("remote-1"))), true);
        // what istiod 1.30.3 answers on /debug/clusterz: its own cluster first, without a secret
        String json = "[{\"id\":\"primary-1\",\"secretName\":\"\",\"syncStatus\":\"synced\"},"
                + "{\"id\":\"remote-1\",\"secretName\":\"istio-system/istio-remote-secret-remote-1\",\"syncStatus\":\"%s\"}]";
        assertEquals(List.of(new RemoteClusterStatus("remote-1", true, "")), ClusterzPoller.parse(json.formatted("synced")));
        assertEquals(List.of(), StatusChecks.check(PRIMARY_REMOTE, List.of(with(primary, ClusterzPoller.parse(json.formatted("synced"))), remote)));
        assertEquals(List.of(), StatusChecks.check(PRIMARY_REMOTE, List.of(with(primary, null), remote)), "unknown is not a finding");

        for (String gaveUp : List.of("timeout", "closed")) {
            List<Finding> findings = StatusChecks.check(PRIMARY_REMOTE, List.of(with(primary, ClusterzPoller.parse(json.formatted(gaveUp))), remote));
            assertEquals(List.of(StatusCodes.REMOTE_CLUSTER_NOT_SYNCED), findings.stream().map(Finding::code).toList(), gaveUp);
            assertEquals(dev.crossmesh.plan.Severity.ERROR, findings.get(0).severity());
            assertEquals("primary-1", findings.get(0).cluster());
            assertTrue(findings.get(0).message().contains("reports remote-1 " + gaveUp) && findings.get(0).message().contains("kubectl --context=ctx-p"),
                    findings.get(0).message());
        }
        ClusterStatus offline = new ClusterStatus(r.name(), r.context(), r.network(), false, true, false, ConnectionState.OFFLINE, "connection refused",
                false, "", IstiodStatus.none(), GatewayStatus.none(0, 0), List.of(), true, List.of(), List.of(), null, Instant.EPOCH);
        List<Finding> whileOffline = StatusChecks.check(PRIMARY_REMOTE, List.of(with(primary, ClusterzPoller.parse(json.formatted("timeout"))), offline));
        assertEquals(List.of(StatusCodes.CLUSTER_OFFLINE), whileOffline.stream().map(Finding::code).toList(), "one cause, one error: " + whileOffline);
        List<Finding> syncing = StatusChecks.check(PRIMARY_REMOTE, List.of(with(primary, ClusterzPoller.parse(json.formatted("syncing"))), remote));
        assertEquals(List.of(StatusCodes.REMOTE_CLUSTER_SYNCING), syncing.stream().map(Finding::code).toList());
        assertEquals(dev.crossmesh.plan.Severity.WARNING, syncing.get(0).severity(), "istiod syncs for up to 30 s: not yet an error");
        List<Finding> notLoaded = StatusChecks.check(PRIMARY_REMOTE, List.of(with(primary, List.of()), remote));
        assertEquals(List.of(StatusCodes.REMOTE_CLUSTER_SYNCING), notLoaded.stream().map(Finding::code).toList());
        assertTrue(notLoaded.get(0).message().contains("does not list remote-1"), notLoaded.get(0).message());
    }

    @Test
    void istiodsJsonIsReadWhateverItHolds() {
        assertEquals(List.of(new RemoteClusterStatus("b", false, "unknown"), new RemoteClusterStatus("c", false, "syncing")),
                ClusterzPoller.parse("[{\"id\":\"c\",\"secretName\":\"s/c\",\"syncStatus\":\"syncing\"},{\"id\":\"b\",\"secretName\":\"s/b\"},"
                        + "{\"id\":\"own\"},{\"id\":{\"x\":1},\"secretName\":null}]"));
        for (String bad : List.of("", "{}", "not json", "[1]", "null")) {
            try {
                ClusterzPoller.parse(bad);
                org.junit.jupiter.api.Assertions.fail("parsed " + bad);
            } catch (RuntimeException expected) {
                // the poller counts it as unknown
            }
        }
    }

    private static ClusterStatus with(ClusterStatus c, List<RemoteClusterStatus> remoteClusters) {
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), c.demo(), c.state(), c.stateDetail(),
                c.namespacePresent(), c.network(), c.istiod(), c.gateway(), c.istioGateways(), c.gatewayCrdInstalled(), c.remoteSecrets(),
                c.expectedRemoteSecrets(), c.rootCertificate(), c.helmReleases(), remoteClusters, c.lastChange());
    }

    @Test
    void oldIstioGetsTheOldRemoteSecretCommand() {
        MeshPlan old = PRIMARY_REMOTE.withIstio(new dev.crossmesh.plan.IstioSpec(dev.crossmesh.plan.Flavor.ISTIO, "1.10.3", ""));
        ClusterSpec p = old.clusters().get(0);
        ClusterSpec r = old.clusters().get(1);
        List<Finding> findings = StatusChecks.check(old, List.of(healthy(old, p, List.of(), true), healthy(old, r, List.of(), false)));
        Finding missing = findings.stream().filter(f -> f.code().equals(StatusCodes.REMOTE_SECRET_MISSING)).findFirst().orElseThrow();
        assertTrue(missing.message().contains("istioctl x create-remote-secret --context=ctx-r --name=remote-1 | kubectl --context=ctx-p apply"), missing.message());
    }

    @Test
    void imageTagsGiveTheVersion() {
        assertEquals("1.24.3", ClusterReader.imageTag("docker.io/istio/pilot:1.24.3"));
        assertEquals("1.20.8-asm.4", ClusterReader.imageTag("gcr.io/gke-release/asm/pilot:1.20.8-asm.4@sha256:0123"));
        assertEquals("", ClusterReader.imageTag("localhost:5000/istio/pilot"));
        assertEquals("", ClusterReader.imageTag(null));
    }

    @Test
    void probeUrlsBracketIpv6() {
        assertEquals("http://[2001:db8::7]:15021/healthz/ready", GatewayProber.url("2001:db8::7", 15021));
        assertEquals("http://a1b2.elb.amazonaws.com:15021/healthz/ready", GatewayProber.url("a1b2.elb.amazonaws.com", 15021));
    }

    @Test
    void fingerprintsAreOverTheDerAndTellTextsApart() {
        assertEquals("", RootFingerprint.sha256(null));
        assertTrue(!RootFingerprint.sha256("-----BEGIN CERTIFICATE-----\nROOT\n-----END CERTIFICATE-----\n")
                .equals(RootFingerprint.sha256("-----BEGIN CERTIFICATE-----\nOTHER\n-----END CERTIFICATE-----\n")));
    }

    static final MeshPlan TWO_PRIMARIES = MeshPlan.of("mesh1", List.of(new ClusterSpec("c1", "ctx-1", "vpc-1"), new ClusterSpec("c2", "ctx-2", "vpc-2")));

    List<Finding> rootFindings(RootCertificate first, RootCertificate second) {
        List<ClusterSpec> cs = TWO_PRIMARIES.clusters();
        List<ClusterStatus> clusters = List.of(
                healthy(TWO_PRIMARIES, cs.get(0), List.of(new RemoteSecret("istio-remote-secret-c2", List.of("c2"))), true, first),
                healthy(TWO_PRIMARIES, cs.get(1), List.of(new RemoteSecret("istio-remote-secret-c1", List.of("c1"))), true, second));
        return StatusChecks.check(TWO_PRIMARIES, clusters).stream().filter(f -> f.code().equals(StatusCodes.ROOT_CERTS_DIFFER)).toList();
    }

    @Test
    void twoClustersWithTwoRootsBlameTheOneWhoseIstiodLeftThePluggedRoot() {
        // c1 hands out another root than the one plugged into both clusters' cacerts: c1 is the odd one, whatever the plan order
        List<Finding> findings = rootFindings(new RootCertificate("other", "mesh", true), new RootCertificate("mesh", "mesh", true));
        assertEquals(List.of("c1"), findings.stream().map(Finding::cluster).toList());
        assertTrue(findings.get(0).message().startsWith("c1 trusts root certificate other but c2 trusts mesh"), findings.get(0).message());
        assertEquals(List.of("c2"), rootFindings(new RootCertificate("mesh", "mesh", true), new RootCertificate("other", "mesh", true)).stream()
                .map(Finding::cluster).toList());
    }

    @Test
    void twoRootsWithNothingToTellWhichIsMeantBlameNobody() {
        List<Finding> findings = rootFindings(new RootCertificate("one", "one", true), new RootCertificate("two", "two", true));
        assertEquals(List.of("c1", "c2"), findings.stream().map(Finding::cluster).toList());
        assertTrue(findings.get(1).message().contains("c2 trusts root certificate two but c1 trusts one"), findings.get(1).message());
        assertTrue(findings.get(1).message().contains("Nothing tells which root is meant"), findings.get(1).message());
    }

    @Test
    void theRootMostClustersTrustIsTheReference() {
        List<ClusterSpec> cs = List.of(new ClusterSpec("c1", "ctx-1", "vpc-1"), new ClusterSpec("c2", "ctx-2", "vpc-2"), new ClusterSpec("c3", "ctx-3", "vpc-2"));
        MeshPlan three = MeshPlan.of("mesh1", cs);
        List<ClusterStatus> clusters = cs.stream().map(c -> healthy(three, c, three.remoteSecretSources(c).stream()
                .map(s -> new RemoteSecret("istio-remote-secret-" + s.name(), List.of(s.name()))).toList(), true,
                c.name().equals("c1") ? new RootCertificate("odd", "odd", true) : new RootCertificate("mesh", "mesh", true))).toList();
        List<Finding> findings = StatusChecks.check(three, clusters);
        assertEquals(List.of("c1"), findings.stream().map(Finding::cluster).toList(), findings.toString());
        assertTrue(findings.get(0).message().contains("c1 trusts root certificate odd but c2, c3 trust mesh"), findings.get(0).message());
    }

    @Test
    void aNotReadyAnswerWithNoGatewayPodDoesNotSendTheUserToPodLogs() {
        ClusterSpec p = PRIMARY_REMOTE.clusters().get(0);
        ClusterSpec r = PRIMARY_REMOTE.clusters().get(1);
        ClusterStatus primary = healthy(PRIMARY_REMOTE, p, List.of(new RemoteSecret("istio-remote-secret-remote-1", List.of("remote-1"))), true);
        ClusterStatus remote = healthy(PRIMARY_REMOTE, r, List.of(), false);
        for (int pods : new int[] {0, 1}) {
            GatewayStatus g = primary.gateway();
            GatewayStatus answering = new GatewayStatus(g.serviceName(), g.serviceType(), g.address(), "", g.networkLabel(), g.ports(), g.statusPort(),
                    0, pods, new ProbeResult(ProbeState.NOT_READY, "http://203.0.113.7:15021/healthz/ready", "HTTP 503", Instant.EPOCH));
            ClusterStatus c = dev.crossmesh.ui.topology.Samples.withGateway(primary, answering);
            Finding f = StatusChecks.check(PRIMARY_REMOTE, List.of(c, remote)).stream()
                    .filter(x -> x.code().equals(StatusCodes.GATEWAY_PROBE_NOT_READY)).findFirst().orElseThrow();
            if (pods == 0) {
                assertTrue(!f.message().contains("logs") && f.message().contains("get endpoints istio-eastwestgateway"), f.message());
            } else {
                assertTrue(f.message().contains("logs -l istio=eastwestgateway"), f.message());
            }
        }
    }
}
