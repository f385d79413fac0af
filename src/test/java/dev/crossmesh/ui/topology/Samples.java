package dev.crossmesh.ui.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.Labels;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.GatewayPort;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.IstioGateway;
import dev.crossmesh.status.IstiodStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.ProbeResult;
import dev.crossmesh.status.ProbeState;
import dev.crossmesh.status.RemoteSecret;
import dev.crossmesh.status.RootCertificate;
import dev.crossmesh.status.StatusChecks;

/** Status snapshots made by hand, with the findings the real checks give them: for view-model, view and benchmark runs without clusters. */
public final class Samples {
    public static final String ROOT = "3f".repeat(32);
    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private Samples() {
    }

    /** {@code clusters} clusters named c1..cN, spread in order over {@code networks} networks net-1..net-K, regions by cluster. */
    public static MeshPlan plan(int clusters, int networks) {
        List<ClusterSpec> specs = new ArrayList<>();
        String[] regions = {"europe-west1", "us-east1", "asia-south1", "us-west2", "europe-north1", "southamerica-east1", "asia-east1",
                "australia-southeast1", "me-west1", "africa-south1"};
        for (int i = 0; i < clusters; i++) {
            int network = i * networks / clusters + 1;
            specs.add(new ClusterSpec("c" + (i + 1), "ctx-" + (i + 1), "net-" + network).withRegion(regions[i % regions.length]));
        }
        return MeshPlan.of("mesh1", specs);
    }

    public static ClusterStatus healthy(MeshPlan plan, String name) {
        ClusterSpec spec = plan.cluster(name).orElseThrow();
        int index = plan.clusters().indexOf(spec) + 1;
        List<String> expected = plan.remoteSecretSources(spec).stream().map(ClusterSpec::name).toList();
        List<RemoteSecret> secrets = expected.stream().map(s -> new RemoteSecret(Labels.REMOTE_SECRET_PREFIX + s, List.of(s))).toList();
        String address = "203.0.113." + index;
        GatewayStatus gateway = new GatewayStatus(Labels.EASTWEST_NAME, "LoadBalancer", address, "", spec.network(),
                List.of(new GatewayPort("status-port", 15021, 0), new GatewayPort("tls", 15443, 0), new GatewayPort("tls-istiod", 15012, 0),
                        new GatewayPort("tls-webhook", 15017, 0)),
                15021, 1, 1, new ProbeResult(ProbeState.READY, "http://" + address + ":15021/healthz/ready", "HTTP 200", T0));
        IstioGateway cross = new IstioGateway(Labels.CROSS_NETWORK_GATEWAY, "networking.istio.io/v1", Map.of(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE),
                List.of(new IstioGateway.Server(15443, "TLS", "AUTO_PASSTHROUGH", List.of("*.local"))));
        boolean primary = plan.primaries().contains(spec);
        return new ClusterStatus(spec.name(), spec.context(), spec.network(), primary, true, false, ConnectionState.SYNCED, "", true, spec.network(),
                primary ? new IstiodStatus(1, 1, plan.istio().version(), spec.name(), plan.meshId(), plan.trustDomain()) : IstiodStatus.none(),
                gateway, primary ? List.of(cross) : List.of(), true, secrets, expected, new RootCertificate(ROOT, ROOT, true), List.of(), null, T0);
    }

    public static List<ClusterStatus> healthyClusters(MeshPlan plan) {
        return plan.clusters().stream().map(c -> healthy(plan, c.name())).toList();
    }

    /** A snapshot of these clusters, with the findings StatusChecks gives them. */
    public static MeshStatus status(MeshPlan plan, List<ClusterStatus> clusters, Instant at) {
        return new MeshStatus(plan.meshId(), at, clusters, StatusChecks.check(plan, clusters));
    }

    public static MeshStatus healthy(MeshPlan plan) {
        return status(plan, healthyClusters(plan), T0);
    }

    /** The healthy mesh with one cluster changed. */
    public static MeshStatus changed(MeshPlan plan, String cluster, UnaryOperator<ClusterStatus> change, Instant at) {
        List<ClusterStatus> clusters = new ArrayList<>(healthyClusters(plan));
        for (int i = 0; i < clusters.size(); i++) {
            if (clusters.get(i).name().equals(cluster)) {
                clusters.set(i, change.apply(clusters.get(i)));
            }
        }
        return status(plan, clusters, at);
    }

    public static ClusterStatus withGateway(ClusterStatus c, GatewayStatus gateway) {
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), c.demo(), c.state(), c.stateDetail(), c.namespacePresent(),
                c.network(), c.istiod(), gateway, c.istioGateways(), c.gatewayCrdInstalled(), c.remoteSecrets(), c.expectedRemoteSecrets(),
                c.rootCertificate(), c.helmReleases(), c.remoteClusters(), c.lastChange());
    }

    public static ClusterStatus withAddress(ClusterStatus c, String address) {
        GatewayStatus g = c.gateway();
        return withGateway(c, new GatewayStatus(g.serviceName(), g.serviceType(), address, address.isEmpty() ? "the load balancer has not assigned one" : "",
                g.networkLabel(), g.ports(), g.statusPort(), g.podsReady(), g.podsTotal(),
                address.isEmpty() ? ProbeResult.notProbed("no address") : g.probe()));
    }

    public static ClusterStatus withPods(ClusterStatus c, int ready, int total) {
        GatewayStatus g = c.gateway();
        return withGateway(c, new GatewayStatus(g.serviceName(), g.serviceType(), g.address(), g.noAddressReason(), g.networkLabel(), g.ports(),
                g.statusPort(), ready, total, g.probe()));
    }

    public static ClusterStatus withoutSecret(ClusterStatus c, String source) {
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), c.demo(), c.state(), c.stateDetail(), c.namespacePresent(),
                c.network(), c.istiod(), c.gateway(), c.istioGateways(), c.gatewayCrdInstalled(),
                c.remoteSecrets().stream().filter(s -> !s.clusters().contains(source)).toList(), c.expectedRemoteSecrets(), c.rootCertificate(), c.helmReleases(), c.remoteClusters(), c.lastChange());
    }

    public static ClusterStatus withState(ClusterStatus c, ConnectionState state, String detail) {
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), c.demo(), state, detail, c.namespacePresent(),
                c.network(), c.istiod(), c.gateway(), c.istioGateways(), c.gatewayCrdInstalled(), c.remoteSecrets(), c.expectedRemoteSecrets(),
                c.rootCertificate(), c.helmReleases(), c.remoteClusters(), c.lastChange());
    }

    public static ClusterStatus withIstiod(ClusterStatus c, int ready, int total) {
        IstiodStatus i = c.istiod();
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), c.demo(), c.state(), c.stateDetail(), c.namespacePresent(),
                c.network(), new IstiodStatus(ready, total, i.version(), i.clusterId(), i.meshId(), i.trustDomain()), c.gateway(), c.istioGateways(),
                c.gatewayCrdInstalled(), c.remoteSecrets(), c.expectedRemoteSecrets(), c.rootCertificate(), c.helmReleases(), c.remoteClusters(), c.lastChange());
    }

    /** The same cluster, as one of crossmesh's demo clusters. */
    public static ClusterStatus asDemo(ClusterStatus c) {
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), true, c.state(), c.stateDetail(), c.namespacePresent(),
                c.network(), c.istiod(), c.gateway(), c.istioGateways(), c.gatewayCrdInstalled(), c.remoteSecrets(), c.expectedRemoteSecrets(),
                c.rootCertificate(), c.helmReleases(), c.remoteClusters(), c.lastChange());
    }
}
