package dev.crossmesh.ui.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.GatewayPort;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.IstioGateway;
import dev.crossmesh.status.IstiodStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.ProbeResult;
import dev.crossmesh.status.RemoteClusterStatus;
import dev.crossmesh.status.RemoteSecret;
import dev.crossmesh.status.RootCertificate;
import dev.crossmesh.ui.topology.Details.Field;
import dev.crossmesh.ui.topology.Details.Section;
import dev.crossmesh.ui.topology.TopologyModel.ClusterNode;
import dev.crossmesh.ui.topology.TopologyModel.DiscoveryLink;
import dev.crossmesh.ui.topology.TopologyModel.GatewayNode;

/** Builds the side panel's {@link Details} for a selection from the plan, the snapshot and the model drawn from them. */
public final class DetailsBuilder {
    private DetailsBuilder() {
    }

    /** @return empty when the selection names no cluster of the plan */
    public static Optional<Details> build(MeshPlan plan, MeshStatus status, TopologyModel model, List<FindingRow> findings, Selection selection) {
        Optional<ClusterSpec> spec = plan.cluster(selection.cluster());
        Optional<ClusterNode> node = model.cluster(selection.cluster());
        if (spec.isEmpty() || node.isEmpty()) {
            return Optional.empty();
        }
        ClusterStatus c = status.cluster(selection.cluster()).orElse(null);
        List<FindingRow> own = findings.stream().filter(f -> f.cluster().equals(selection.cluster())).toList();
        return Optional.of(switch (selection.kind()) {
            case CLUSTER -> cluster(spec.get(), node.get(), c, model, own, selection);
            case GATEWAY -> gateway(spec.get(), node.get(), c, model, own.stream().filter(f -> TopologyBuilder.isGatewayFinding(f.finding())).toList(),
                    selection);
        });
    }

    private static Details cluster(ClusterSpec spec, ClusterNode node, ClusterStatus c, TopologyModel model, List<FindingRow> findings, Selection selection) {
        List<Section> sections = new ArrayList<>();
        String stateText = node.state().label() + (node.stateDetail().isEmpty() ? "" : ": " + node.stateDetail());
        String healthText = node.state() != dev.crossmesh.status.ConnectionState.SYNCED ? stateText
                : findings.isEmpty() ? "synced, every check passes"
                : "synced; " + plural(node.errors(), "error") + ", " + plural(node.warnings(), "warning") + ": see the findings below";
        List<Field> connection = new ArrayList<>(List.of(Field.code("Context", node.context())));
        if (node.demo()) {
            connection.add(Field.info("Cluster", "demo: an API server inside crossmesh on this machine, not a real Kubernetes cluster"));
        }
        connection.add(Field.of("State", stateText, connectionHealth(node)));
        sections.add(new Section("Connection", connection));
        if (c == null) {
            return new Details(selection, spec.name(), subtitle(spec, node), node.health(), healthText, sections, findings);
        }
        String label = c.network().isEmpty() ? "missing" : c.network();
        sections.add(new Section("Network", List.of(
                Field.info("Plan", spec.network()),
                Field.of("istio-system label", label, !c.synced() ? null : c.network().equals(spec.network()) ? Health.OK : Health.ERROR))));

        IstiodStatus istiod = c.istiod();
        List<Field> control = new ArrayList<>();
        control.add(Field.of("istiod", node.istiodText(), !node.primary() && istiod.total() == 0 ? null
                : istiod.total() == 0 ? Health.ERROR : istiod.ready() == istiod.total() ? Health.OK : istiod.ready() == 0 ? Health.ERROR : Health.WARNING));
        control.add(Field.info("Version", orDash(istiod.version())));
        control.add(Field.code("CLUSTER_ID", orDash(istiod.clusterId())));
        control.add(Field.code("Mesh ID", orDash(istiod.meshId())));
        control.add(Field.code("Trust domain", orDash(istiod.trustDomain())));
        sections.add(new Section("Control plane", control));

        model.gateway(spec.name()).ifPresent(g -> sections.add(new Section("East-west gateway", List.of(
                Field.of("Address", g.text(), g.health()),
                Field.info("Pods", g.podsReady() + "/" + g.podsTotal() + " ready")))));

        Map<String, String> secretNames = c.remoteSecrets().stream()
                .flatMap(s -> s.clusters().stream().map(cl -> Map.entry(cl, s.secretName())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a + ", " + b));
        List<Field> reads = new ArrayList<>();
        for (DiscoveryLink link : model.discoveryLinks()) {
            if (link.reader().equals(spec.name())) {
                reads.add(Field.of(link.source(), secretState(link, secretNames.getOrDefault(link.source(), "istio-remote-secret-" + link.source())),
                        link.health()));
            }
        }
        for (RemoteSecret s : c.remoteSecrets()) {
            for (String other : s.clusters()) {
                if (model.cluster(other).isEmpty()) {
                    reads.add(Field.of(other, "extra: not in the plan (" + s.secretName() + ")", Health.WARNING));
                }
            }
        }
        if (reads.isEmpty()) {
            reads.add(Field.info("None", node.primary() ? "the plan needs no remote secret here" : "a remote cluster runs no istiod to read them"));
        }
        sections.add(new Section("Remote secrets: istiod here reads", reads));

        List<Field> readBy = new ArrayList<>();
        for (DiscoveryLink link : model.discoveryLinks()) {
            if (link.source().equals(spec.name())) {
                readBy.add(Field.of(link.reader(), secretState(link, "istio-remote-secret-" + spec.name()), link.health()));
            }
        }
        if (!readBy.isEmpty()) {
            sections.add(new Section("Remote secrets: read by", readBy));
        }
        if (node.primary()) {
            // what istiod itself says (/debug/clusterz): a secret it has not synced is there and does nothing
            List<Field> view = new ArrayList<>();
            if (c.remoteClusters() == null) {
                view.add(Field.info("Unknown", RemoteClusterStatus.UNKNOWN_WHY));
            } else if (c.remoteClusters().isEmpty()) {
                view.add(Field.info("None", "istiod reads no remote cluster"));
            }
            for (RemoteClusterStatus r : c.remoteClusters() == null ? List.<RemoteClusterStatus>of() : c.remoteClusters()) {
                view.add(Field.of(r.name(), r.synced() ? "synced" : "not synced: " + r.reason(), r.synced() ? Health.OK : Health.ERROR));
            }
            sections.add(new Section("istiod's remote clusters (/debug/clusterz)", view));
        }

        RootCertificate root = c.rootCertificate();
        List<Field> rootFields = new ArrayList<>();
        rootFields.add(Field.code("SHA-256", root.known() ? colons(root.sha256()) : "unknown"));
        rootFields.add(Field.of("cacerts Secret", root.cacertsPresent() ? "present" : "missing", root.cacertsPresent() ? Health.OK : null));
        if (!root.pluggedSha256().isEmpty() && !root.pluggedSha256().equals(root.distributedSha256())) {
            rootFields.add(Field.code("cacerts root", colons(root.pluggedSha256())));
        }
        sections.add(new Section("Root certificate", rootFields));
        return new Details(selection, spec.name(), subtitle(spec, node), node.health(), healthText, sections, findings);
    }

    private static Details gateway(ClusterSpec spec, ClusterNode node, ClusterStatus c, TopologyModel model, List<FindingRow> findings, Selection selection) {
        Optional<GatewayNode> g = model.gateway(spec.name());
        Health health = g.map(GatewayNode::health).orElse(Health.UNKNOWN);
        String title = spec.name() + " east-west gateway";
        String subtitle = "network " + spec.network() + (spec.region().isEmpty() ? "" : " · " + spec.region());
        List<Section> sections = new ArrayList<>();
        if (c == null || g.isEmpty()) {
            sections.add(new Section("Service", List.of(Field.of("State", "not known yet: " + spec.name() + " is connecting", Health.UNKNOWN))));
            return new Details(selection, title, subtitle, health, "not known yet", sections, findings);
        }
        GatewayStatus gw = c.gateway();
        GatewayNode gn = g.get();
        String healthText = !gn.problem().isEmpty() ? gn.problem()
                : switch (health) {
                    case OK -> "takes traffic from other networks on " + gn.endpoint();
                    case UNKNOWN -> "not probed yet";
                    case WARNING -> "works, with warnings: see the findings below";
                    default -> "see the findings below";
                };
        if (!gw.present()) {
            sections.add(new Section("Service", List.of(Field.of("Service", gw.noAddressReason(), Health.ERROR))));
            return new Details(selection, title, subtitle, health, healthText, sections, findings);
        }
        List<Field> service = new ArrayList<>();
        service.add(Field.code("Name", "istio-system/" + gw.serviceName()));
        service.add(Field.info("Type", orDash(gw.serviceType())));
        service.add(gw.hasAddress() ? new Field("Address", gn.endpoint(), gn.problem().isEmpty() ? Health.OK : null, true)
                : Field.of("Address", "none: " + gw.noAddressReason(), "NodePort".equals(gw.serviceType()) ? Health.WARNING : Health.ERROR));
        service.add(Field.of("Network label", gw.networkLabel().isEmpty() ? "missing" : gw.networkLabel(),
                gw.networkLabel().equals(spec.network()) ? Health.OK : Health.ERROR));
        sections.add(new Section("Service", service));

        List<Field> ports = new ArrayList<>();
        for (GatewayPort p : gw.ports()) {
            String value = p.port() + (p.nodePort() > 0 ? " (node port " + p.nodePort() + ")" : "");
            ports.add(new Field(p.name().isEmpty() ? "port" : p.name(), value, p.port() == GatewayStatus.CROSS_NETWORK_PORT ? Health.OK : null, true));
        }
        if (!gw.exposes(GatewayStatus.CROSS_NETWORK_PORT)) {
            ports.add(0, Field.of("tls", "15443 not exposed", Health.ERROR));
        }
        sections.add(new Section("Ports", ports));

        Health pods = gw.podsTotal() == 0 || gw.podsReady() == 0 ? Health.ERROR : gw.podsReady() < gw.podsTotal() ? Health.WARNING : Health.OK;
        sections.add(new Section("Pods", List.of(Field.of("Ready", gw.podsReady() + "/" + gw.podsTotal(), pods))));

        ProbeResult probe = gw.probe();
        List<Field> probeFields = new ArrayList<>();
        probeFields.add(Field.of("Outcome", ProbeWords.of(probe.state()), switch (probe.state()) {
            case READY -> Health.OK;
            case NOT_READY -> Health.ERROR;
            case UNREACHABLE -> Health.WARNING;
            case NOT_PROBED -> Health.UNKNOWN;
        }));
        if (!probe.url().isEmpty()) {
            probeFields.add(Field.code("URL", probe.url()));
        }
        probeFields.add(Field.info("Answer", orDash(probe.detail())));
        probeFields.add(Field.info("Checked", TimeText.of(probe.at())));
        sections.add(new Section("Readiness probe from this machine", probeFields));

        List<Field> gateways = new ArrayList<>();
        for (IstioGateway ig : c.istioGateways()) {
            String servers = ig.servers().stream().map(s -> s.port() + " " + s.protocol() + (s.tlsMode().isEmpty() ? "" : " " + s.tlsMode()))
                    .collect(Collectors.joining(", "));
            gateways.add(Field.of(ig.name(), servers.isEmpty() ? "no servers" : servers, ig.isCrossNetwork() ? Health.OK : null));
        }
        if (gateways.isEmpty()) {
            gateways.add(Field.of("None", "no Gateway object in istio-system", model.multiNetwork() && node.primary() ? Health.ERROR : null));
        }
        sections.add(new Section("Istio Gateway objects", gateways));
        return new Details(selection, title, subtitle, health, healthText, sections, findings);
    }

    private static String secretState(DiscoveryLink link, String secretName) {
        return switch (link.cell()) {
            case PRESENT -> "present (" + secretName + ")";
            case MISSING -> "missing (" + secretName + ")";
            case EXTRA -> "extra: the plan does not need it (" + secretName + ")";
            case UNKNOWN -> link.health() == Health.OFFLINE ? "unknown: offline" : "unknown: not synced";
            case NOT_NEEDED, SELF -> "not needed";
        };
    }

    private static Health connectionHealth(ClusterNode node) {
        return switch (node.state()) {
            case SYNCED -> Health.OK;
            case CONNECTING -> Health.UNKNOWN;
            case RECONNECTING -> Health.WARNING;
            case OFFLINE -> Health.OFFLINE;
        };
    }

    private static String subtitle(ClusterSpec spec, ClusterNode node) {
        return "network " + spec.network() + (spec.region().isEmpty() ? "" : " · " + spec.region()) + " · " + (node.primary() ? "primary" : "remote")
                + (node.demo() ? " · demo cluster" : "");
    }

    /** AB:CD:EF..., as openssl prints fingerprints, so users can compare with {@code openssl x509 -fingerprint -sha256}. */
    static String colons(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(hex, i, Math.min(i + 2, hex.length()));
        }
        return b.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "—" : s;
    }
}
