package dev.crossmesh.ui.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.ProbeState;
import dev.crossmesh.status.RemoteSecretMatrix;
import dev.crossmesh.status.StatusCodes;
import dev.crossmesh.ui.topology.TopologyModel.ClusterNode;
import dev.crossmesh.ui.topology.TopologyModel.DataPlaneLink;
import dev.crossmesh.ui.topology.TopologyModel.DiscoveryLink;
import dev.crossmesh.ui.topology.TopologyModel.GatewayNode;
import dev.crossmesh.ui.topology.TopologyModel.NetworkNode;

/**
 * Turns a plan and a status snapshot into the {@link TopologyModel} the view draws. Pure: the same inputs give an
 * equal model, which is what lets {@link TopologyChange} find the few elements that changed.
 * <p>
 * The plan decides what is drawn (its clusters, networks and the remote secrets it needs); the snapshot decides how
 * each element stands. A cluster the snapshot does not hold yet is drawn as connecting.
 */
public final class TopologyBuilder {
    /** Findings about the east-west gateway (its Service, pods, probe and Istio Gateway objects): they colour the gateway, not the card. */
    static final Set<String> GATEWAY_CODES = Set.of(StatusCodes.GATEWAY_SERVICE_MISSING, StatusCodes.GATEWAY_NO_ADDRESS, StatusCodes.GATEWAY_NODE_PORT,
            StatusCodes.GATEWAY_NETWORK_LABEL, StatusCodes.GATEWAY_PORT_MISSING, StatusCodes.GATEWAY_PODS_NOT_READY, StatusCodes.GATEWAY_PROBE_NOT_READY,
            StatusCodes.GATEWAY_PROBE_UNREACHABLE, StatusCodes.CROSS_NETWORK_GATEWAY_MISSING, StatusCodes.DUPLICATE_CROSS_NETWORK_GATEWAYS);

    /** A few words per gateway error, for the row and the link's reason; the finding itself says what to do. */
    private static final Map<String, String> SHORT = Map.of(
            StatusCodes.GATEWAY_SERVICE_MISSING, "no east-west gateway Service",
            StatusCodes.GATEWAY_NO_ADDRESS, "no address",
            StatusCodes.GATEWAY_NETWORK_LABEL, "network label missing or wrong",
            StatusCodes.GATEWAY_PORT_MISSING, "port 15443 not exposed",
            StatusCodes.GATEWAY_PODS_NOT_READY, "no gateway pod ready",
            StatusCodes.GATEWAY_PROBE_NOT_READY, "readiness probe fails",
            StatusCodes.CROSS_NETWORK_GATEWAY_MISSING, "no AUTO_PASSTHROUGH Gateway on 15443",
            StatusCodes.DUPLICATE_CROSS_NETWORK_GATEWAYS, "two Gateways bind 15443");

    private TopologyBuilder() {
    }

    public static boolean isGatewayFinding(Finding f) {
        return GATEWAY_CODES.contains(f.code());
    }

    public static TopologyModel build(MeshPlan plan, MeshStatus status) {
        boolean multiNetwork = plan.clusters().stream().map(ClusterSpec::network).distinct().count() > 1;
        Map<String, ClusterStatus> byName = new LinkedHashMap<>();
        status.clusters().forEach(c -> byName.put(c.name(), c));

        List<ClusterNode> clusters = new ArrayList<>();
        List<GatewayNode> gateways = new ArrayList<>();
        for (ClusterSpec spec : plan.clusters()) {
            ClusterStatus c = byName.get(spec.name());
            List<Finding> findings = status.findingsFor(spec.name());
            clusters.add(cluster(plan, spec, c, findings));
            if (multiNetwork || c != null && c.gateway().present()) {
                gateways.add(gateway(spec, c, findings));
            }
        }

        Map<String, List<ClusterSpec>> byNetwork = new LinkedHashMap<>();
        plan.clusters().forEach(c -> byNetwork.computeIfAbsent(c.network(), k -> new ArrayList<>()).add(c));
        List<NetworkNode> networks = new ArrayList<>();
        byNetwork.forEach((network, members) -> {
            List<String> names = members.stream().map(ClusterSpec::name).toList();
            List<String> regions = members.stream().map(ClusterSpec::region).filter(r -> !r.isEmpty()).distinct().toList();
            List<Health> healths = new ArrayList<>();
            clusters.stream().filter(c -> names.contains(c.name())).forEach(c -> healths.add(c.health()));
            gateways.stream().filter(g -> g.network().equals(network)).forEach(g -> healths.add(g.health()));
            networks.add(new NetworkNode(network, regions, names, Health.worst(healths)));
        });

        List<DataPlaneLink> dataPlane = new ArrayList<>();
        List<String> networkNames = List.copyOf(byNetwork.keySet());
        for (int i = 0; i < networkNames.size(); i++) {
            for (int j = i + 1; j < networkNames.size(); j++) {
                dataPlane.add(dataPlaneLink(networkNames.get(i), networkNames.get(j), gateways));
            }
        }

        List<DiscoveryLink> discovery = discoveryLinks(plan, status, byName);
        int errors = (int) status.findings().stream().filter(Finding::isError).count();
        int warnings = status.findings().size() - errors;
        return new TopologyModel(plan.meshId(), status.at(), multiNetwork, networks, clusters, gateways, dataPlane, discovery, errors, warnings);
    }

    private static ClusterNode cluster(MeshPlan plan, ClusterSpec spec, ClusterStatus c, List<Finding> findings) {
        boolean primary = plan.primaries().contains(spec);
        int errors = (int) findings.stream().filter(Finding::isError).count();
        int warnings = findings.size() - errors;
        if (c == null) {
            return new ClusterNode(spec.name(), spec.network(), spec.region(), spec.context(), false, primary, ConnectionState.CONNECTING, "", 0, 0,
                    Health.UNKNOWN, errors, warnings);
        }
        List<Finding> own = findings.stream().filter(f -> !isGatewayFinding(f)).toList();
        Health health = switch (c.state()) {
            case CONNECTING -> Health.UNKNOWN;
            case OFFLINE -> Health.OFFLINE;
            case RECONNECTING -> Health.WARNING;
            case SYNCED -> fromFindings(own);
        };
        return new ClusterNode(spec.name(), spec.network(), spec.region(), c.context(), c.demo(), c.primary(), c.state(), c.stateDetail(),
                c.istiod().ready(), c.istiod().total(), health, errors, warnings);
    }

    private static GatewayNode gateway(ClusterSpec spec, ClusterStatus c, List<Finding> findings) {
        if (c == null) {
            return new GatewayNode(spec.name(), spec.network(), false, "", "", false, 0, 0, ProbeState.NOT_PROBED, Health.UNKNOWN, "not known yet");
        }
        GatewayStatus gw = c.gateway();
        List<Finding> own = findings.stream().filter(TopologyBuilder::isGatewayFinding).toList();
        Health health = switch (c.state()) {
            case CONNECTING -> Health.UNKNOWN;
            case OFFLINE -> Health.OFFLINE;
            case RECONNECTING -> Health.WARNING.worse(fromFindings(own));
            case SYNCED -> {
                Health h = fromFindings(own);
                if (h == Health.OK && gw.present() && gw.hasAddress() && gw.probe().state() == ProbeState.NOT_PROBED) {
                    h = Health.UNKNOWN;
                }
                if (h == Health.OK && !gw.present()) {
                    h = Health.UNKNOWN;
                }
                yield h;
            }
        };
        return new GatewayNode(spec.name(), spec.network(), gw.present(), gw.serviceType(), gw.address(), gw.exposes(GatewayStatus.CROSS_NETWORK_PORT),
                gw.podsReady(), gw.podsTotal(), gw.probe().state(), health, gatewayProblem(c, gw, own));
    }

    /** The first thing that keeps a gateway from carrying traffic, in a few words; "" when nothing does. */
    private static String gatewayProblem(ClusterStatus c, GatewayStatus gw, List<Finding> findings) {
        if (c.state() == ConnectionState.OFFLINE) {
            return "cluster offline (last known state)";
        }
        if (c.state() == ConnectionState.CONNECTING) {
            return "not known yet";
        }
        for (Finding f : findings) {
            if (f.isError()) {
                return SHORT.getOrDefault(f.code(), f.code());
            }
        }
        if (!gw.present()) {
            return "no east-west gateway Service";
        }
        if (!gw.hasAddress() && !"NodePort".equals(gw.serviceType())) {
            return "no address" + (gw.noAddressReason().isEmpty() ? "" : ": " + gw.noAddressReason());
        }
        if (!gw.exposes(GatewayStatus.CROSS_NETWORK_PORT)) {
            return "port 15443 not exposed";
        }
        if (gw.podsReady() == 0) {
            return gw.podsTotal() == 0 ? "no gateway pods" : "0/" + gw.podsTotal() + " pods ready";
        }
        if (gw.probe().state() == ProbeState.NOT_READY) {
            return "readiness probe: " + gw.probe().detail();
        }
        return "";
    }

    /** Whether a gateway can take traffic from other networks, as far as crossmesh can tell. */
    private static boolean usable(GatewayNode g) {
        return g.problem().isEmpty() && (g.health() == Health.OK || g.health() == Health.WARNING || g.health() == Health.UNKNOWN);
    }

    /** Whether crossmesh cannot tell, because the cluster is offline or has not answered yet. */
    private static boolean unknowable(GatewayNode g) {
        return g.health() == Health.OFFLINE || g.health() == Health.UNKNOWN && !usable(g);
    }

    private static DataPlaneLink dataPlaneLink(String a, String b, List<GatewayNode> gateways) {
        Side sa = side(a, gateways);
        Side sb = side(b, gateways);
        Health health = sa.health.worse(sb.health);
        List<String> reasons = new ArrayList<>();
        if (!sa.reason.isEmpty()) {
            reasons.add(sa.reason);
        }
        if (!sb.reason.isEmpty()) {
            reasons.add(sb.reason);
        }
        String culprit = health == Health.OK ? "" : sa.health.worse(sb.health) == sa.health ? a : b;
        return new DataPlaneLink(a, b, health, String.join("; ", reasons), culprit);
    }

    private record Side(Health health, String reason) {
    }

    /** How one network's gateways let traffic in: all fine, some fine, none (broken), or cannot tell. */
    private static Side side(String network, List<GatewayNode> gateways) {
        List<GatewayNode> own = gateways.stream().filter(g -> g.network().equals(network)).toList();
        List<GatewayNode> usable = own.stream().filter(TopologyBuilder::usable).toList();
        List<String> problems = own.stream().filter(g -> !usable(g)).map(g -> g.cluster() + ": " + g.problem()).toList();
        if (own.isEmpty()) {
            return new Side(Health.ERROR, network + " has no east-west gateway");
        }
        if (usable.isEmpty()) {
            List<GatewayNode> unknowable = own.stream().filter(TopologyBuilder::unknowable).toList();
            if (!unknowable.isEmpty()) {
                boolean offline = unknowable.stream().anyMatch(g -> g.health() == Health.OFFLINE);
                return new Side(offline ? Health.OFFLINE : Health.UNKNOWN, network + ": cannot tell (" + String.join(", ", problems) + ")");
            }
            return new Side(Health.ERROR, "no gateway lets traffic into " + network + " (" + String.join(", ", problems) + ")");
        }
        Health worst = Health.worst(usable.stream().map(GatewayNode::health).toList());
        if (!problems.isEmpty()) {
            return new Side(Health.WARNING, network + ": only " + usable.size() + " of " + own.size() + " gateways work (" + String.join(", ", problems) + ")");
        }
        if (worst == Health.WARNING) {
            return new Side(Health.WARNING, network + ": a gateway has warnings");
        }
        return new Side(worst == Health.UNKNOWN ? Health.UNKNOWN : Health.OK, worst == Health.UNKNOWN ? network + ": gateways not probed yet" : "");
    }

    private static List<DiscoveryLink> discoveryLinks(MeshPlan plan, MeshStatus status, Map<String, ClusterStatus> byName) {
        RemoteSecretMatrix matrix = status.remoteSecretMatrix();
        List<DiscoveryLink> links = new ArrayList<>();
        for (ClusterSpec reader : plan.clusters()) {
            ClusterStatus r = byName.get(reader.name());
            List<String> expected = r != null ? r.expectedRemoteSecrets() : plan.remoteSecretSources(reader).stream().map(ClusterSpec::name).toList();
            for (ClusterSpec source : plan.clusters()) {
                if (source.name().equals(reader.name())) {
                    continue;
                }
                boolean wanted = expected.contains(source.name());
                RemoteSecretMatrix.Cell cell = r == null ? RemoteSecretMatrix.Cell.UNKNOWN : matrix.cell(reader.name(), source.name());
                String secret = "istio-remote-secret-" + source.name();
                switch (cell) {
                    case PRESENT -> links.add(new DiscoveryLink(reader.name(), source.name(), cell, Health.OK, ""));
                    case MISSING -> links.add(new DiscoveryLink(reader.name(), source.name(), cell, Health.ERROR,
                            reader.name() + " has no remote secret for " + source.name() + " (" + secret + "): its istiod cannot discover "
                                    + source.name() + "'s services"));
                    case EXTRA -> links.add(new DiscoveryLink(reader.name(), source.name(), cell, Health.WARNING,
                            reader.name() + " holds a remote secret for " + source.name() + " that the plan does not need"));
                    case UNKNOWN -> {
                        if (wanted) {
                            boolean offline = r != null && r.state() == ConnectionState.OFFLINE;
                            links.add(new DiscoveryLink(reader.name(), source.name(), cell, offline ? Health.OFFLINE : Health.UNKNOWN,
                                    reader.name() + " is " + (r == null ? "connecting" : r.state().label()) + ": cannot tell whether it has " + secret));
                        }
                    }
                    case NOT_NEEDED, SELF -> {
                        // nothing to draw
                    }
                }
            }
        }
        return links;
    }

    private static Health fromFindings(List<Finding> findings) {
        if (findings.stream().anyMatch(Finding::isError)) {
            return Health.ERROR;
        }
        return findings.isEmpty() ? Health.OK : Health.WARNING;
    }
}
