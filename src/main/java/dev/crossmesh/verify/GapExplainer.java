package dev.crossmesh.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.render.Labels;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusChecks;

/**
 * Why a client did not reach a cluster, read from the live state ({@link MeshStatus}) the way the proxies' path
 * depends on it: the istiod that configures the client must hold a remote secret for the cluster; across networks
 * that cluster's network needs an east-west gateway with an address, a ready pod and a Gateway opening 15443 in
 * AUTO_PASSTHROUGH; both clusters need their network label; both must trust one root. Every cause becomes one
 * finding naming the cluster to fix and the fix, listing all the clients it cut off.
 */
final class GapExplainer {
    private final MeshPlan plan;
    private final MeshStatus live;
    /** Clusters whose helloworld pod was ready when the requests were sent. */
    private final Set<String> serving;

    /** One reason a target did not answer; {@code cluster} is where the fix goes. */
    private record Cause(String code, String cluster, String target, String why) {
    }

    /** A cause, and the cluster the finding lists for this pair: the client, or for different roots the other side. */
    private record Gap(Cause cause, String peer) {
    }

    GapExplainer(MeshPlan plan, MeshStatus live, Set<String> serving) {
        this.plan = plan;
        this.live = live;
        this.serving = Set.copyOf(serving);
    }

    /** One finding per cause, over every source's missing clusters. */
    List<Finding> explain(List<SourceVerdict> verdicts, Map<String, SourceResult> results) {
        Map<Cause, Set<String>> sourcesByCause = new LinkedHashMap<>();
        for (SourceVerdict v : verdicts) {
            SourceResult result = results.get(v.from());
            if (result == null || result.sent() == 0) {
                continue; // the client never sent: its own finding says why
            }
            for (String target : v.missing()) {
                for (Gap g : causes(v.from(), target, result)) {
                    sourcesByCause.computeIfAbsent(g.cause(), k -> new LinkedHashSet<>()).add(g.peer());
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        sourcesByCause.forEach((c, sources) -> {
            String headline = c.code().equals(VerifyCodes.DIFFERENT_ROOTS)
                    ? "requests between " + c.cluster() + " and " + String.join(", ", sources) + " failed"
                    : c.target() + " did not answer requests from " + String.join(", ", sources);
            findings.add(new Finding(Severity.ERROR, c.code(), "", c.cluster(), headline + ": " + c.why()));
        });
        return findings;
    }

    private List<Gap> causes(String sourceName, String targetName, SourceResult result) {
        Optional<ClusterStatus> source = live.cluster(sourceName);
        Optional<ClusterStatus> target = live.cluster(targetName);
        ClusterSpec sourceSpec = plan.cluster(sourceName).orElseThrow();
        List<Gap> causes = new ArrayList<>();
        if (target.isEmpty() || !target.get().synced()) {
            causes.add(new Gap(new Cause(VerifyCodes.TARGET_UNAVAILABLE, targetName, targetName, "its API server does not answer"
                    + target.map(t -> t.stateDetail().isEmpty() ? "" : " (" + t.stateDetail() + ")").orElse("")
                    + ", so no istiod can read its endpoints. Bring it back, then run verify again."), sourceName));
            return causes;
        }
        if (!serving.contains(targetName)) {
            causes.add(new Gap(new Cause(VerifyCodes.TARGET_UNAVAILABLE, targetName, targetName, "it runs no ready helloworld pod of the check (see its finding above)."), sourceName));
            return causes;
        }
        ClusterSpec istiodSpec = sourceSpec.isPrimary() || plan.topology() == dev.crossmesh.plan.Topology.MULTI_PRIMARY ? sourceSpec
                : plan.primaryFor(sourceSpec).orElse(sourceSpec);
        Optional<ClusterStatus> istiod = live.cluster(istiodSpec.name());
        if (!istiodSpec.name().equals(targetName) && istiod.isPresent() && istiod.get().synced()
                && !istiod.get().remoteSecretClusters().contains(targetName)) {
            String role = istiodSpec.name().equals(sourceName) ? "istiod in " + sourceName : "istiod in " + istiodSpec.name() + " (which configures " + sourceName + "'s proxies)";
            causes.add(new Gap(new Cause(VerifyCodes.NO_REMOTE_SECRET, istiodSpec.name(), targetName, role + " has no remote secret for " + targetName
                    + ", so it does not know " + targetName + "'s endpoints and never sends requests there. Create it: "
                    + StatusChecks.createRemoteSecretCommand(plan, targetName, target.get().context(), istiod.get().context())), sourceName));
        } else if (!istiodSpec.name().equals(targetName) && istiod.isPresent() && istiod.get().remoteClusters() != null
                && istiod.get().remoteClusters().stream().noneMatch(r -> r.name().equals(targetName) && r.synced())) {
            String says = istiod.get().remoteClusters().stream().filter(r -> r.name().equals(targetName)).map(r -> "reports it " + r.reason())
                    .findFirst().orElse("does not list it");
            causes.add(new Gap(new Cause(VerifyCodes.REMOTE_CLUSTER_NOT_SYNCED, istiodSpec.name(), targetName, "istiod in " + istiodSpec.name()
                    + " holds the remote secret for " + targetName + " but " + says + " on /debug/clusterz: it cannot read " + targetName
                    + "'s API server with that secret (an address it cannot reach, or a token that is refused). Make the secret again: "
                    + StatusChecks.createRemoteSecretCommand(plan, targetName, target.get().context(), istiod.get().context())), sourceName));
        }
        ClusterStatus s = source.orElseThrow();
        ClusterStatus t = target.get();
        boolean labelsMissing = false;
        for (ClusterStatus c : List.of(t, s).stream().distinct().toList()) {
            if (c.network().isEmpty()) {
                labelsMissing = true;
                String planned = plan.cluster(c.name()).map(ClusterSpec::network).orElse("NETWORK");
                causes.add(new Gap(new Cause(VerifyCodes.NETWORK_LABEL_MISSING, c.name(), targetName, "istio-system of " + c.name() + " has no "
                        + Labels.NETWORK + " label, so istiod does not know which network " + c.name() + "'s pods are on and sends to pod addresses "
                        + "the other network cannot reach instead of through the east-west gateway. Label it: kubectl --context=" + c.context()
                        + " label namespace istio-system " + Labels.NETWORK + "=" + planned + " --overwrite (crossmesh apply does it)."), sourceName));
            }
        }
        if (!labelsMissing && !s.network().equals(t.network())) {
            gatewayCauses(t, targetName).forEach(c -> causes.add(new Gap(c, sourceName)));
        }
        if (s.rootCertificate().known() && t.rootCertificate().known() && !s.rootCertificate().sha256().equals(t.rootCertificate().sha256())) {
            // one finding on the cluster whose root fewer clusters share, whichever way the requests went
            ClusterStatus odd = sharing(t) < sharing(s) ? t : sharing(s) < sharing(t) ? s : t;
            ClusterStatus other = odd == t ? s : t;
            causes.add(new Gap(new Cause(VerifyCodes.DIFFERENT_ROOTS, odd.name(), odd.name(), odd.name() + " trusts root certificate "
                    + odd.rootCertificate().shortSha256() + ", the others " + other.rootCertificate().shortSha256() + ": the mTLS handshake between "
                    + "their proxies fails (a TLS error, CERTIFICATE_VERIFY_FAILED). Plug the mesh's root into cacerts there (crossmesh apply with "
                    + "ca: shared-root), then restart istiod (kubectl --context=" + odd.context()
                    + " -n istio-system rollout restart deployment/istiod) and the workloads."), other.name()));
        }
        if (causes.isEmpty()) {
            String seen = result.errors().isEmpty() ? "every request was answered by " + answered(result) : "the requests got: " + String.join(" | ", result.errors());
            causes.add(new Gap(new Cause(VerifyCodes.UNEXPLAINED, sourceName, targetName, "nothing in the live state explains it (" + seen + "). Look at what "
                    + sourceName + "'s proxy knows: istioctl --context=" + s.context() + " proxy-config endpoints deploy/" + VerifyWorkload.CLIENT
                    + " -n " + VerifyWorkload.NAMESPACE + " | grep " + VerifyWorkload.SERVICE + ", and at istiod's log in " + istiodSpec.name() + "."), sourceName));
        }
        return causes;
    }

    /** The east-west path into the target's network: the gateway istiod would pick (the target's own first) and what stops it. */
    private List<Cause> gatewayCauses(ClusterStatus target, String targetName) {
        List<ClusterStatus> sameNetwork = live.clusters().stream().filter(c -> c.synced() && c.network().equals(target.network())).toList();
        Optional<ClusterStatus> withGateway = sameNetwork.stream().filter(c -> usable(c.gateway(), target.network()))
                .min((a, b) -> a.name().equals(targetName) ? -1 : b.name().equals(targetName) ? 1 : 0);
        if (withGateway.isEmpty()) {
            GatewayStatus own = target.gateway();
            String why = !own.present() ? own.noAddressReason()
                    : !own.hasAddress() ? "its Service " + own.serviceName() + " has no address: " + own.noAddressReason()
                    : !target.network().equals(own.networkLabel()) ? "its Service " + own.serviceName() + " is not labelled " + Labels.NETWORK + "=" + target.network()
                            + ", and istiod takes only labelled Services for network gateways"
                    : "its Service " + own.serviceName() + " does not expose " + GatewayStatus.CROSS_NETWORK_PORT;
            return List.of(new Cause(VerifyCodes.NO_GATEWAY_ADDRESS, targetName, targetName, "network " + target.network()
                    + " has no east-west gateway other networks can use (" + targetName + ": " + why + "), so requests from other networks have no way in."));
        }
        ClusterStatus g = withGateway.get();
        List<Cause> causes = new ArrayList<>();
        if (g.gateway().podsReady() == 0) {
            causes.add(new Cause(VerifyCodes.GATEWAY_NOT_READY, g.name(), targetName, "the east-west gateway of network " + target.network() + " (" + g.name()
                    + ", " + g.gateway().address() + ") has no ready pod (" + g.gateway().podsReady() + "/" + g.gateway().podsTotal()
                    + "): nothing takes the connections. Look at kubectl --context=" + g.context() + " -n istio-system get pods -l istio=eastwestgateway."));
        }
        // the gateway's listeners come from the Gateway objects its istiod reads: its own cluster's, or a remote's primary's
        ClusterSpec gatewaySpec = plan.cluster(g.name()).orElseThrow();
        String configName = plan.primaryFor(gatewaySpec).map(ClusterSpec::name).orElse(g.name());
        Optional<ClusterStatus> config = live.cluster(configName);
        boolean crossNetwork = config.isEmpty() || !config.get().synced() || config.get().istioGateways().stream()
                .anyMatch(gw -> gw.isCrossNetwork() && Labels.EASTWEST_SELECTOR_VALUE.equals(gw.selector().get(Labels.ISTIO_SELECTOR)));
        if (!crossNetwork) {
            causes.add(new Cause(VerifyCodes.NO_CROSS_NETWORK_GATEWAY, configName, targetName, "no Gateway in istio-system of " + configName
                    + " opens port 15443 with tls mode AUTO_PASSTHROUGH on istio=eastwestgateway, so the east-west gateway of " + g.name()
                    + " refuses connections from other networks. Apply it: crossmesh apply (" + configName + "/08-gateway-"
                    + Labels.CROSS_NETWORK_GATEWAY + ".yaml)."));
        }
        return causes;
    }

    /** How many live clusters trust the same root as this one. */
    private long sharing(ClusterStatus cluster) {
        return live.clusters().stream().filter(c -> c.rootCertificate().sha256().equals(cluster.rootCertificate().sha256())).count();
    }

    private static boolean usable(GatewayStatus gateway, String network) {
        return gateway.present() && gateway.hasAddress() && network.equals(gateway.networkLabel()) && gateway.exposes(GatewayStatus.CROSS_NETWORK_PORT);
    }

    private static String answered(SourceResult result) {
        List<String> names = result.answeredBy().entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        return names.isEmpty() ? "no cluster" : String.join(", ", names);
    }
}
