package dev.crossmesh.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.IstioVersion;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.render.Labels;

/**
 * Turns cluster states into findings against the plan. Pure: no cluster access, so the rules are the same for the
 * CLI, the GUI and tests. A cluster that is not synced gets one finding about that and no others: checks on stale data
 * would send the user after problems that may not exist.
 */
public final class StatusChecks {
    private StatusChecks() {
    }

    public static List<Finding> check(MeshPlan plan, List<ClusterStatus> clusters) {
        List<Finding> findings = new ArrayList<>();
        boolean multiNetwork = plan.clusters().stream().map(ClusterSpec::network).distinct().count() > 1;
        for (ClusterStatus c : clusters) {
            checkCluster(plan, c, multiNetwork, findings);
        }
        checkRemoteSecrets(plan, clusters, findings);
        checkRemoteClusters(clusters, findings);
        checkRootCertificates(clusters, findings);
        Map<String, Integer> order = new LinkedHashMap<>();
        for (ClusterStatus c : clusters) {
            order.put(c.name(), order.size());
        }
        findings.sort(Comparator.comparing((Finding f) -> order.getOrDefault(f.cluster(), -1)));
        return List.copyOf(findings);
    }

    private static void checkCluster(MeshPlan plan, ClusterStatus c, boolean multiNetwork, List<Finding> out) {
        String ctx = c.context();
        switch (c.state()) {
            case OFFLINE -> {
                out.add(error(StatusCodes.CLUSTER_OFFLINE, c, c.name() + " (context " + ctx + ") is offline: " + orUnknown(c.stateDetail())
                        + (c.contextLoaded()
                                ? ". crossmesh keeps retrying; check that its API server is reachable from this machine (VPN, authorized networks, "
                                        + "the cluster running) and that the context's credentials are valid (kubectl --context=" + ctx + " get ns istio-system)."
                                : ". Fix the kubeconfig or the cluster's context in the plan; crossmesh reads the kubeconfig again every few seconds.")));
                return;
            }
            case CONNECTING, RECONNECTING -> {
                out.add(warning(StatusCodes.CLUSTER_NOT_SYNCED, c, c.name() + " (context " + ctx + ") is " + c.state().label()
                        + (c.stateDetail().isEmpty() ? "" : " (" + c.stateDetail() + ")")
                        + "; its row shows the last known state and its checks resume once it is synced. If this lasts, check the connection to its API server."));
                return;
            }
            case SYNCED -> {
                // checked below
            }
        }
        if (!c.namespacePresent()) {
            out.add(error(StatusCodes.ISTIO_NAMESPACE_MISSING, c, c.name() + " has no istio-system namespace: nothing of the mesh is installed there. "
                    + "Apply the plan (crossmesh apply), or create it: kubectl --context=" + ctx + " create namespace istio-system"));
            return;
        }
        checkNetworkLabel(c, out);
        if (c.primary()) {
            checkIstiod(plan, c, out);
        }
        if (multiNetwork) {
            checkGateway(c, out);
            if (c.primary()) {
                checkIstioGateways(c, out);
            }
        } else {
            checkDuplicateGateways(c, out);
        }
        checkCacerts(plan, c, out);
    }

    private static void checkNetworkLabel(ClusterStatus c, List<Finding> out) {
        String fix = "kubectl --context=" + c.context() + " label namespace istio-system " + Labels.NETWORK + "=" + c.plannedNetwork();
        if (c.network().isEmpty()) {
            out.add(error(StatusCodes.NETWORK_LABEL_MISSING, c, "istio-system in " + c.name() + " has no " + Labels.NETWORK
                    + " label: istiod cannot tell which network its pods are in, so other clusters dial their pod IPs instead of the east-west gateway. Fix: "
                    + fix));
        } else if (!c.network().equals(c.plannedNetwork())) {
            out.add(error(StatusCodes.NETWORK_LABEL_WRONG, c, "istio-system in " + c.name() + " is labelled " + Labels.NETWORK + "=" + c.network()
                    + " but the plan puts " + c.name() + " in network " + c.plannedNetwork() + ". Fix: " + fix + " --overwrite (or change the plan)"));
        }
    }

    private static void checkIstiod(MeshPlan plan, ClusterStatus c, List<Finding> out) {
        IstiodStatus istiod = c.istiod();
        String ctx = c.context();
        if (!istiod.present()) {
            out.add(error(StatusCodes.ISTIOD_MISSING, c, c.name() + " is a primary but runs no istiod (no Deployment or pod labelled app=istiod in istio-system). "
                    + "Install the control plane: istioctl --context=" + ctx + " install -f " + c.name() + "/03-istiooperator-crossmesh-control-plane.yaml"));
            return;
        }
        if (istiod.ready() == 0) {
            out.add(error(StatusCodes.ISTIOD_NOT_READY, c, "no istiod pod in " + c.name() + " is ready (0/" + istiod.total()
                    + "): sidecars and gateways there get no configuration. Look at kubectl --context=" + ctx + " -n istio-system describe pods -l app=istiod"));
        } else if (istiod.ready() < istiod.total()) {
            out.add(warning(StatusCodes.ISTIOD_NOT_READY, c, istiod.ready() + "/" + istiod.total() + " istiod pods in " + c.name()
                    + " are ready; look at kubectl --context=" + ctx + " -n istio-system get pods -l app=istiod"));
        }
        if (!istiod.clusterId().isEmpty() && !istiod.clusterId().equals(c.name())) {
            out.add(error(StatusCodes.CLUSTER_NAME_MISMATCH, c, "istiod in " + c.name() + " runs with CLUSTER_ID=" + istiod.clusterId()
                    + " but the plan names this cluster " + c.name() + ": remote secrets are keyed by cluster name, so the other clusters will not match it. "
                    + "Reinstall the control plane with values.global.multiCluster.clusterName=" + c.name() + " (or rename the cluster in the plan)."));
        }
        if (!istiod.meshId().isEmpty() && !istiod.meshId().equals(plan.meshId())) {
            out.add(error(StatusCodes.MESH_ID_MISMATCH, c, "the mesh config in " + c.name() + " has meshId " + istiod.meshId() + " but the plan's meshId is "
                    + plan.meshId() + ": every cluster of one mesh must share it. Reinstall the control plane with values.global.meshID=" + plan.meshId()
                    + " (or change the plan)."));
        }
        if (!istiod.trustDomain().isEmpty() && !istiod.trustDomain().equals(plan.trustDomain())) {
            out.add(error(StatusCodes.TRUST_DOMAIN_MISMATCH, c, "the mesh config in " + c.name() + " has trustDomain " + istiod.trustDomain()
                    + " but the plan's is " + plan.trustDomain() + ": workloads across clusters will reject each other's identities. "
                    + "Reinstall with meshConfig.trustDomain=" + plan.trustDomain() + " (or change the plan)."));
        }
        Optional<IstioVersion> live = IstioVersion.parse(istiod.version());
        Optional<IstioVersion> planned = IstioVersion.parse(plan.istio().version());
        if (live.isPresent() && planned.isPresent() && !IstioReleases.sameMinor(live.get(), planned.get())) {
            out.add(warning(StatusCodes.ISTIO_VERSION_DIFFERS, c, "istiod in " + c.name() + " is version " + istiod.version() + " but the plan says "
                    + plan.istio().version() + ": rendered manifests follow the plan's version. Set istio.version to " + live.get().minorLine() + " in the plan, or upgrade the control plane."));
        }
    }

    private static void checkGateway(ClusterStatus c, List<Finding> out) {
        GatewayStatus gw = c.gateway();
        String ctx = c.context();
        if (!gw.present()) {
            out.add(error(StatusCodes.GATEWAY_SERVICE_MISSING, c, c.name() + " has no east-west gateway Service (label istio=eastwestgateway in istio-system): "
                    + "other networks cannot reach its services. Apply " + c.name() + "/07-service-istio-eastwestgateway.yaml (crossmesh apply)."));
            return;
        }
        if (!gw.hasAddress()) {
            if ("NodePort".equals(gw.serviceType())) {
                out.add(warning(StatusCodes.GATEWAY_NODE_PORT, c, "the east-west gateway of " + c.name() + " is a NodePort Service: istiod sends other networks "
                        + "to the nodes' addresses on its node port for 15443. Make sure those addresses and the port are reachable from the other networks."));
            } else {
                out.add(error(StatusCodes.GATEWAY_NO_ADDRESS, c, "the east-west gateway " + gw.serviceName() + " of " + c.name() + " has no address: "
                        + gw.noAddressReason() + ". Other networks cannot reach " + c.name() + " until it has one; see kubectl --context=" + ctx
                        + " -n istio-system describe service " + gw.serviceName()));
            }
        }
        if (gw.networkLabel().isEmpty()) {
            out.add(error(StatusCodes.GATEWAY_NETWORK_LABEL, c, "the east-west gateway Service " + gw.serviceName() + " of " + c.name() + " has no "
                    + Labels.NETWORK + " label: istiod finds a network's gateway by that label. Fix: kubectl --context=" + ctx
                    + " -n istio-system label service " + gw.serviceName() + " " + Labels.NETWORK + "=" + c.plannedNetwork()));
        } else if (!gw.networkLabel().equals(c.plannedNetwork())) {
            out.add(error(StatusCodes.GATEWAY_NETWORK_LABEL, c, "the east-west gateway Service " + gw.serviceName() + " of " + c.name() + " is labelled "
                    + Labels.NETWORK + "=" + gw.networkLabel() + " but " + c.name() + " is in network " + c.plannedNetwork()
                    + ": istiod would route another network's traffic to it. Fix: kubectl --context=" + ctx + " -n istio-system label service "
                    + gw.serviceName() + " " + Labels.NETWORK + "=" + c.plannedNetwork() + " --overwrite"));
        }
        if (!gw.exposes(GatewayStatus.CROSS_NETWORK_PORT)) {
            out.add(error(StatusCodes.GATEWAY_PORT_MISSING, c, "the east-west gateway Service " + gw.serviceName() + " of " + c.name()
                    + " does not expose port 15443, which carries all cross-network traffic (ports: " + ports(gw) + "). Add the port 15443 named tls "
                    + "(re-apply " + c.name() + "/07-service-istio-eastwestgateway.yaml)."));
        }
        if (gw.podsTotal() == 0) {
            out.add(error(StatusCodes.GATEWAY_PODS_NOT_READY, c, "the east-west gateway of " + c.name() + " has no pods (label istio=eastwestgateway): "
                    + "check its Deployment: kubectl --context=" + ctx + " -n istio-system describe deployment " + Labels.EASTWEST_NAME));
        } else if (gw.podsReady() == 0) {
            out.add(error(StatusCodes.GATEWAY_PODS_NOT_READY, c, "no east-west gateway pod of " + c.name() + " is ready (0/" + gw.podsTotal()
                    + "); look at kubectl --context=" + ctx + " -n istio-system describe pods -l istio=eastwestgateway"));
        } else if (gw.podsReady() < gw.podsTotal()) {
            out.add(warning(StatusCodes.GATEWAY_PODS_NOT_READY, c, gw.podsReady() + "/" + gw.podsTotal() + " east-west gateway pods of " + c.name()
                    + " are ready; look at kubectl --context=" + ctx + " -n istio-system get pods -l istio=eastwestgateway"));
        }
        ProbeResult probe = gw.probe();
        if (probe.state() == ProbeState.NOT_READY) {
            // with no gateway pod there are no logs to read: something else answers at the address (another load balancer's
            // backend, a stale endpoint), so the advice is about the Service and its endpoints
            String advice = gw.podsTotal() == 0
                    ? " There is no east-west gateway pod behind it in " + c.name() + ", so what answers is not the gateway: look at the Service's"
                            + " endpoints: kubectl --context=" + ctx + " -n istio-system get endpoints istio-eastwestgateway"
                    : " Look at its pods' logs: kubectl --context=" + ctx + " -n istio-system logs -l istio=eastwestgateway";
            out.add(error(StatusCodes.GATEWAY_PROBE_NOT_READY, c, "the east-west gateway of " + c.name() + " answers " + probe.url() + " with "
                    + probe.detail() + ": it is up but not ready to carry traffic." + advice));
        } else if (probe.state() == ProbeState.UNREACHABLE) {
            out.add(warning(StatusCodes.GATEWAY_PROBE_UNREACHABLE, c, "this machine gets no answer from the east-west gateway of " + c.name() + " ("
                    + probe.url() + ": " + probe.detail() + "). That is not the same as down: a firewall or a private load balancer may hide it "
                    + "from here while the other clusters reach it. If it should be reachable, check the firewall rules for port " + gw.statusPort() + "."));
        }
    }

    private static void checkIstioGateways(ClusterStatus c, List<Finding> out) {
        if (!c.gatewayCrdInstalled()) {
            out.add(error(StatusCodes.GATEWAY_CRD_MISSING, c, "the API server of " + c.name() + " serves no networking.istio.io Gateway (neither v1 nor v1alpha3): "
                    + "Istio's CRDs are not installed. Install Istio (istioctl --context=" + c.context() + " install) before applying the gateway."));
            return;
        }
        boolean crossNetwork = c.istioGateways().stream()
                .anyMatch(g -> g.isCrossNetwork() && Labels.EASTWEST_SELECTOR_VALUE.equals(g.selector().get(Labels.ISTIO_SELECTOR)));
        if (!crossNetwork) {
            out.add(error(StatusCodes.CROSS_NETWORK_GATEWAY_MISSING, c, "no Gateway in istio-system of " + c.name()
                    + " binds port 15443 with tls mode AUTO_PASSTHROUGH on selector istio=eastwestgateway: the east-west gateway refuses cross-network traffic. "
                    + "Apply " + c.name() + "/08-gateway-" + Labels.CROSS_NETWORK_GATEWAY + ".yaml (crossmesh apply)."));
        }
        checkDuplicateGateways(c, out);
    }

    private static void checkDuplicateGateways(ClusterStatus c, List<Finding> out) {
        Map<Map<String, String>, List<IstioGateway>> bySelector = c.istioGateways().stream()
                .filter(g -> g.bindsPort(GatewayStatus.CROSS_NETWORK_PORT))
                .collect(Collectors.groupingBy(IstioGateway::selector, LinkedHashMap::new, Collectors.toList()));
        bySelector.forEach((selector, gateways) -> {
            if (gateways.size() > 1) {
                List<String> names = gateways.stream().map(IstioGateway::name).sorted().toList();
                out.add(error(StatusCodes.DUPLICATE_CROSS_NETWORK_GATEWAYS, c, "Gateways " + String.join(", ", names) + " in istio-system of " + c.name()
                        + " all bind port 15443 on selector " + selector + ": Envoy rejects the listener (istio#42050) and cross-network traffic stops. "
                        + "Keep one: kubectl --context=" + c.context() + " -n istio-system delete gateway " + names.get(names.size() - 1)));
            }
        });
    }

    private static void checkCacerts(MeshPlan plan, ClusterStatus c, List<Finding> out) {
        RootCertificate root = c.rootCertificate();
        if (!root.cacertsPresent() && plan.ca() != CaMode.MESH_CA) {
            Severity severity = plan.ca() == CaMode.SHARED_ROOT ? Severity.ERROR : Severity.WARNING;
            out.add(new Finding(severity, StatusCodes.CACERTS_MISSING, "", c.name(), c.name() + " has no cacerts Secret in istio-system: istiod makes its own "
                    + "self-signed root, which the other clusters do not trust. Plug in the mesh CA ("
                    + (plan.ca() == CaMode.SHARED_ROOT ? "crossmesh apply writes " + c.name() + "/02-secret-cacerts.yaml" : "kubectl create secret generic cacerts")
                    + ") and restart istiod."));
        }
        if (!root.pluggedSha256().isEmpty() && !root.distributedSha256().isEmpty() && !root.pluggedSha256().equals(root.distributedSha256())) {
            out.add(warning(StatusCodes.ROOT_CERT_NOT_ROLLED_OUT, c, "in " + c.name() + " the root in cacerts (" + shortSha(root.pluggedSha256())
                    + ") is not the root istiod hands out in istio-ca-root-cert (" + shortSha(root.distributedSha256()) + "): istiod has not picked up the "
                    + "plugged-in CA. Restart it: kubectl --context=" + c.context() + " -n istio-system rollout restart deployment/istiod "
                    + "(Istio 1.18+ reloads by itself), then restart workloads."));
        }
    }

    private static void checkRemoteSecrets(MeshPlan plan, List<ClusterStatus> clusters, List<Finding> out) {
        Map<String, ClusterStatus> byName = clusters.stream().collect(Collectors.toMap(ClusterStatus::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        for (ClusterStatus reader : clusters) {
            if (!reader.synced() || !reader.namespacePresent()) {
                continue;
            }
            List<String> present = reader.remoteSecretClusters();
            for (String source : reader.expectedRemoteSecrets()) {
                if (!present.contains(source)) {
                    String sourceCtx = byName.containsKey(source) ? byName.get(source).context() : plan.cluster(source).map(ClusterSpec::context).orElse(source);
                    out.add(error(StatusCodes.REMOTE_SECRET_MISSING, reader, reader.name() + " has no remote secret for " + source + ": istiod in "
                            + reader.name() + " cannot discover the services of " + source + ". Create it: "
                            + createRemoteSecretCommand(plan, source, sourceCtx, reader.context())));
                }
            }
            Map<String, List<String>> secretsByCluster = new LinkedHashMap<>();
            for (RemoteSecret secret : reader.remoteSecrets()) {
                for (String cluster : secret.clusters()) {
                    secretsByCluster.computeIfAbsent(cluster, k -> new ArrayList<>()).add(secret.secretName());
                }
                secret.unusable().forEach((cluster, why) -> {
                    String shown = ControlCharacters.escape(cluster);
                    String sourceCtx = plan.cluster(cluster).map(ClusterSpec::context).orElse(null);
                    out.add(error(StatusCodes.REMOTE_SECRET_UNUSABLE, reader, "secret " + secret.secretName() + " in " + reader.name()
                            + " registers cluster " + shown + ", but " + why + ": istiod in " + reader.name() + " cannot read " + shown + ". "
                            + (sourceCtx == null ? "Delete it: kubectl --context=" + reader.context() + " -n istio-system delete secret " + secret.secretName()
                                    : "Create it again: " + createRemoteSecretCommand(plan, cluster, sourceCtx, reader.context()))));
                });
            }
            secretsByCluster.forEach((cluster, secrets) -> {
                String delete = "kubectl --context=" + reader.context() + " -n istio-system delete secret " + secrets.get(0);
                if (cluster.equals(reader.name())) {
                    out.add(warning(StatusCodes.REMOTE_SECRET_EXTRA, reader, "secret " + secrets.get(0) + " in " + reader.name()
                            + " is a remote secret for " + reader.name() + " itself; istiod ignores it. Delete it: " + delete));
                } else if (plan.cluster(cluster).isEmpty()) {
                    out.add(warning(StatusCodes.REMOTE_SECRET_EXTRA, reader, "secret " + secrets.get(0) + " in " + reader.name() + " registers cluster "
                            + cluster + ", which is not in the plan: istiod in " + reader.name() + " keeps reading its API server. If " + cluster
                            + " left the mesh, delete it: " + delete));
                } else if (!reader.expectedRemoteSecrets().contains(cluster)) {
                    out.add(warning(StatusCodes.REMOTE_SECRET_EXTRA, reader, "secret " + secrets.get(0) + " in " + reader.name() + " registers " + cluster
                            + ", which the plan's " + plan.topology().yamlName() + " topology does not need"
                            + (reader.primary() ? "" : " (" + reader.name() + " is a remote cluster: it runs no istiod to read it)") + ". Delete it: " + delete));
                }
                if (secrets.size() > 1) {
                    out.add(warning(StatusCodes.REMOTE_SECRET_DUPLICATE, reader, "secrets " + String.join(", ", secrets) + " in " + reader.name()
                            + " all register cluster " + cluster + "; istiod uses one and ignores the others with a warning. Keep one: kubectl --context="
                            + reader.context() + " -n istio-system delete secret " + secrets.get(secrets.size() - 1)));
                }
            });
        }
    }

    /**
     * Clusters whose root differs from the mesh's reference root get an error each, naming both fingerprints. The
     * reference is the root most clusters trust; on a tie (two clusters, one each: the common case) the root more
     * clusters have plugged into cacerts, since that is the one meant. When even that ties, nobody is blamed: every
     * cluster gets the error and the user decides which root is right.
     */
    private static void checkRootCertificates(List<ClusterStatus> clusters, List<Finding> out) {
        List<ClusterStatus> known = clusters.stream().filter(c -> c.synced() && c.rootCertificate().known()).toList();
        Map<String, List<String>> byRoot = new LinkedHashMap<>();
        for (ClusterStatus c : known) {
            byRoot.computeIfAbsent(c.rootCertificate().sha256(), k -> new ArrayList<>()).add(c.name());
        }
        if (byRoot.size() < 2) {
            return;
        }
        Comparator<String> weight = Comparator.comparingInt((String root) -> byRoot.get(root).size())
                .thenComparingLong(root -> known.stream().filter(c -> c.rootCertificate().pluggedSha256().equals(root)).count());
        List<String> ranked = byRoot.keySet().stream().sorted(weight.reversed()).toList();
        boolean undecided = weight.compare(ranked.get(0), ranked.get(1)) == 0;
        String reference = ranked.get(0);
        for (ClusterStatus c : known) {
            String sha = c.rootCertificate().sha256();
            if (!undecided && sha.equals(reference)) {
                continue;
            }
            String others = byRoot.entrySet().stream().filter(e -> !e.getKey().equals(sha))
                    .map(e -> String.join(", ", e.getValue()) + " trust" + (e.getValue().size() == 1 ? "s " : " ") + shortSha(e.getKey()))
                    .collect(Collectors.joining("; "));
            out.add(error(StatusCodes.ROOT_CERTS_DIFFER, c, c.name() + " trusts root certificate " + shortSha(sha) + " but " + others
                    + ": mTLS between them fails (TLSV1_ALERT_UNKNOWN_CA). "
                    + (undecided
                            ? "Nothing tells which root is meant: plug the same root into every cluster's cacerts (crossmesh apply with the same mesh CA "
                                    + "folder) and restart istiod wherever the root changed."
                            : "Plug the same root into every cluster's cacerts (crossmesh apply with the same mesh CA folder) and restart istiod in "
                                    + c.name() + ".")));
        }
    }

    /** istiod's sync status while its first sync of a remote cluster runs ({@code pkg/kube/multicluster/cluster.go}). */
    private static final String SYNCING = "syncing";

    /**
     * istiod's own view: every cluster a remote secret registers should be synced in {@code /debug/clusterz}. A secret
     * istiod gave up on ({@code timeout}, {@code closed}) is there and does nothing: its kubeconfig points at an address
     * istiod cannot reach, or its token is refused.
     */
    private static void checkRemoteClusters(List<ClusterStatus> clusters, List<Finding> out) {
        for (ClusterStatus reader : clusters) {
            if (!reader.synced() || reader.remoteClusters() == null) {
                continue;
            }
            for (String cluster : reader.remoteSecretClusters()) {
                if (cluster.equals(reader.name())) {
                    continue;
                }
                Optional<RemoteClusterStatus> seen = reader.remoteClusters().stream().filter(r -> r.name().equals(cluster)).findFirst();
                if (seen.isPresent() && seen.get().synced()) {
                    continue;
                }
                if (offline(clusters, cluster)) {
                    // its API server is down for crossmesh too: CM200 names the cause, a second error per reader would not
                    continue;
                }
                if (seen.isEmpty() || seen.get().reason().equals(SYNCING)) {
                    // istiod loads a new secret within seconds and syncs it for at most PILOT_REMOTE_CLUSTER_TIMEOUT (30 s)
                    out.add(warning(StatusCodes.REMOTE_CLUSTER_SYNCING, reader, "istiod in " + reader.name() + " has the remote secret for " + cluster
                            + (seen.isEmpty() ? " but does not list " + cluster + " on /debug/clusterz yet (it has not loaded the secret)"
                                    : " and is still syncing " + cluster + " (/debug/clusterz)")
                            + ": " + cluster + "'s endpoints are not known there until it has. Wait a moment; if it stays so, read istiod's log: kubectl --context="
                            + reader.context() + " -n istio-system logs deploy/istiod | grep " + cluster));
                    continue;
                }
                String says = "reports " + cluster + " " + seen.get().reason();
                out.add(error(StatusCodes.REMOTE_CLUSTER_NOT_SYNCED, reader, "istiod in " + reader.name() + " has the remote secret for " + cluster
                        + " but " + says + " on /debug/clusterz: it cannot read " + cluster + "'s API server, so " + cluster + "'s endpoints are unknown here. "
                        + "Check that the secret's server address is reachable from " + reader.name() + " (set the cluster's apiServer in the plan) and "
                        + "that its token is still valid, then make the secret again (crossmesh apply); istiod's log says more: kubectl --context="
                        + reader.context() + " -n istio-system logs deploy/istiod | grep " + cluster));
            }
        }
    }

    private static boolean offline(List<ClusterStatus> clusters, String name) {
        return clusters.stream().anyMatch(c -> c.name().equals(name) && c.state() == ConnectionState.OFFLINE);
    }

    /** The command that makes the remote secret for {@code source} in the reader's cluster, as the plan's istioctl spells it. */
    public static String createRemoteSecretCommand(MeshPlan plan, String source, String sourceContext, String readerContext) {
        return IstioReleases.facts(plan.istio().version()).remoteSecretCommand() + " --context=" + sourceContext + " --name=" + source
                + " | kubectl --context=" + readerContext + " apply -n istio-system -f -";
    }

    private static String ports(GatewayStatus gw) {
        return gw.ports().isEmpty() ? "none" : gw.ports().stream().map(p -> String.valueOf(p.port())).collect(Collectors.joining(", "));
    }

    static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    private static String orUnknown(String detail) {
        return detail.isEmpty() ? "no answer from its API server" : detail;
    }

    private static Finding error(String code, ClusterStatus c, String message) {
        return new Finding(Severity.ERROR, code, "", c.name(), message);
    }

    private static Finding warning(String code, ClusterStatus c, String message) {
        return new Finding(Severity.WARNING, code, "", c.name(), message);
    }
}
