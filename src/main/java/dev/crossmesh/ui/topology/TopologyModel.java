package dev.crossmesh.ui.topology;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.ProbeState;
import dev.crossmesh.status.RemoteSecretMatrix;

/**
 * What the topology view draws, made from one plan and one status snapshot by {@link TopologyBuilder}. Immutable and
 * free of JavaFX: two models are compared element by element ({@link TopologyChange}) so that only what changed is
 * redrawn. Every element has a stable {@link Element#id() id}.
 *
 * @param networks       in plan order (the order of each network's first cluster)
 * @param clusters       in plan order
 * @param gateways       one per cluster that has (or, in a multi-network mesh, needs) an east-west gateway
 * @param dataPlaneLinks one per pair of networks: traffic between them crosses the east-west gateways on port 15443
 * @param discoveryLinks one per remote secret the plan expects or the cluster holds: "reader reads source"
 */
public record TopologyModel(String meshId, Instant at, boolean multiNetwork, List<NetworkNode> networks, List<ClusterNode> clusters,
        List<GatewayNode> gateways, List<DataPlaneLink> dataPlaneLinks, List<DiscoveryLink> discoveryLinks, int errors, int warnings) {

    public TopologyModel {
        networks = List.copyOf(networks);
        clusters = List.copyOf(clusters);
        gateways = List.copyOf(gateways);
        dataPlaneLinks = List.copyOf(dataPlaneLinks);
        discoveryLinks = List.copyOf(discoveryLinks);
    }

    /** Something drawn: a box, a card, a gateway, a link. */
    public interface Element {
        String id();

        Health health();
    }

    /**
     * A network (VPC, L3 domain): a box holding its clusters, with their gateways on its edge.
     *
     * @param regions the distinct regions of its clusters, in plan order
     */
    public record NetworkNode(String name, List<String> regions, List<String> clusters, Health health) implements Element {
        public NetworkNode {
            regions = List.copyOf(regions);
            clusters = List.copyOf(clusters);
        }

        @Override
        public String id() {
            return "network:" + name;
        }
    }

    /**
     * One cluster's card. Its health leaves out the gateway's findings: those colour the gateway.
     *
     * @param demo        whether it is a crossmesh demo cluster (an API server inside crossmesh), which the card says
     * @param stateDetail why it is not synced, in words; "" when synced
     * @param errors      error findings that name this cluster (gateway ones included)
     * @param warnings    warning findings that name this cluster (gateway ones included)
     */
    public record ClusterNode(String name, String network, String region, String context, boolean demo, boolean primary, ConnectionState state, String stateDetail,
            int istiodReady, int istiodTotal, Health health, int errors, int warnings) implements Element {
        @Override
        public String id() {
            return idOf(name);
        }

        public static String idOf(String cluster) {
            return "cluster:" + cluster;
        }

        /** "istiod 1/1 ready", "no istiod (remote)", "istiod missing". */
        public String istiodText() {
            if (istiodTotal > 0) {
                return "istiod " + istiodReady + "/" + istiodTotal + " ready";
            }
            return primary ? "istiod missing" : "no istiod (remote)";
        }

        /** The second line of a compact card: "istiod 1/1 · synced", "remote · offline", "istiod 0/1 · 2 findings". */
        public String compactText() {
            String istiod = istiodTotal > 0 ? "istiod " + istiodReady + "/" + istiodTotal : primary ? "no istiod" : "remote";
            int findings = errors + warnings;
            String state = this.state != ConnectionState.SYNCED || findings == 0 ? this.state.label()
                    : findings + (findings == 1 ? " finding" : " findings");
            return istiod + " · " + state;
        }

        /** "synced", "offline", ... plus the number of findings when there are any. */
        public String stateText() {
            String text = state.label();
            int findings = errors + warnings;
            return findings == 0 ? text : text + " · " + findings + (findings == 1 ? " finding" : " findings");
        }
    }

    /**
     * One cluster's east-west gateway, drawn on its network's edge.
     *
     * @param present whether the cluster has an east-west gateway Service
     * @param address the address other networks reach it at, "" when none
     * @param problem what keeps it from working, in a few words ("no address", "0/1 pods ready"); "" when nothing does
     */
    public record GatewayNode(String cluster, String network, boolean present, String serviceType, String address, boolean exposesCrossNetworkPort,
            int podsReady, int podsTotal, ProbeState probe, Health health, String problem) implements Element {
        @Override
        public String id() {
            return idOf(cluster);
        }

        public static String idOf(String cluster) {
            return "gateway:" + cluster;
        }

        /** {@code 203.0.113.7:15443}, {@code [2001:db8::1]:15443}; "" without an address. */
        public String endpoint() {
            if (address.isEmpty()) {
                return "";
            }
            String host = address.contains(":") ? "[" + address + "]" : address;
            return host + ":" + GatewayStatus.CROSS_NETWORK_PORT;
        }

        /** What the gateway's row shows: its endpoint, or why it has none. */
        public String text() {
            if (!present) {
                return "no gateway Service";
            }
            if (address.isEmpty()) {
                return "NodePort".equals(serviceType) ? "node addresses :" + GatewayStatus.CROSS_NETWORK_PORT : "no address";
            }
            return endpoint();
        }
    }

    /**
     * Cross-network traffic between two networks: each side's sidecars dial the other side's east-west gateways on
     * 15443. Broken when one side has no gateway that can take traffic.
     *
     * @param reason  why it is not ok, in words; "" when it is
     * @param culprit the network whose gateways make it not ok (the worse side), "" when it is ok
     */
    public record DataPlaneLink(String from, String to, Health health, String reason, String culprit) implements Element {
        @Override
        public String id() {
            return "dataplane:" + from + "|" + to;
        }

        public boolean broken() {
            return health == Health.ERROR;
        }
    }

    /**
     * Control-plane discovery: istiod in {@code reader} reads the API server of {@code source} through the remote
     * secret {@code istio-remote-secret-<source>}. Broken when the plan needs the secret and it is missing.
     */
    public record DiscoveryLink(String reader, String source, RemoteSecretMatrix.Cell cell, Health health, String reason) implements Element {
        @Override
        public String id() {
            return "discovery:" + reader + ">" + source;
        }

        public boolean broken() {
            return cell == RemoteSecretMatrix.Cell.MISSING;
        }
    }

    /** Every element by id, in drawing order. */
    public Map<String, Element> elements() {
        Map<String, Element> all = new LinkedHashMap<>();
        networks.forEach(e -> all.put(e.id(), e));
        clusters.forEach(e -> all.put(e.id(), e));
        gateways.forEach(e -> all.put(e.id(), e));
        dataPlaneLinks.forEach(e -> all.put(e.id(), e));
        discoveryLinks.forEach(e -> all.put(e.id(), e));
        return all;
    }

    public Optional<ClusterNode> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<GatewayNode> gateway(String cluster) {
        return gateways.stream().filter(g -> g.cluster().equals(cluster)).findFirst();
    }

    public List<GatewayNode> gatewaysOf(String network) {
        return gateways.stream().filter(g -> g.network().equals(network)).toList();
    }

    public Health health() {
        return errors > 0 ? Health.ERROR : warnings > 0 ? Health.WARNING : Health.OK;
    }

    /** The boxes, cards and rails: when these change (not their contents) the view lays itself out again. */
    public List<String> structure() {
        List<String> ids = new java.util.ArrayList<>();
        for (NetworkNode n : networks) {
            ids.add(n.id() + n.clusters());
            gatewaysOf(n.name()).forEach(g -> ids.add(g.id()));
        }
        return ids;
    }
}
