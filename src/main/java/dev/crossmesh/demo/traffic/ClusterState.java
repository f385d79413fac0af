package dev.crossmesh.demo.traffic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * What one demo cluster's stored objects say about its part of the mesh, read fresh from its API server: the network
 * label, the root istiod hands out, whether istiod runs, the remote secrets it holds, the tokens it would accept, and
 * its east-west gateways. A cluster whose API server does not answer is {@link #down}.
 *
 * @param network       the {@code topology.istio.io/network} label of istio-system, "" without one
 * @param root          {@code root-cert.pem} of the {@code istio-ca-root-cert} ConfigMap, "" without one
 * @param istiod        whether an istiod Deployment has a ready replica
 * @param remoteProfile whether a control plane of the remote profile is installed (its sidecars are configured by a primary)
 * @param clusterId     the cluster's name in the mesh (istiod's CLUSTER_ID, or the remote profile's clusterName)
 * @param tokens        service-account tokens the API server accepts (the demo's token Secrets in istio-system)
 * @param crossNetworkSelectors the selectors of the Gateway objects here that open 15443 in AUTO_PASSTHROUGH mode: the
 *                      config an istiod reading this cluster gives the gateways it serves (a remote's gateway too)
 */
record ClusterState(String name, String url, boolean running, String network, String root, boolean istiod, boolean remoteProfile,
        String clusterId, List<RemoteSecretEntry> remoteSecrets, Set<String> tokens, List<NetworkGateway> gateways,
        List<Map<String, String>> crossNetworkSelectors) {
    static final String ISTIO_SYSTEM = "istio-system";
    static final String NETWORK_LABEL = "topology.istio.io/network";
    static final int CROSS_NETWORK_PORT = 15443;
    private static final String GATEWAY_PORT_LABEL = "networking.istio.io/gatewayPort";
    private static final ResourceDefinitionContext ISTIO_OPERATOR = new ResourceDefinitionContext.Builder().withGroup("install.istio.io")
            .withVersion("v1alpha1").withKind("IstioOperator").withPlural("istiooperators").withNamespaced(true).build();
    private static final List<String> GATEWAY_VERSIONS = List.of("v1", "v1beta1", "v1alpha3");

    /**
     * One cluster registered by a remote secret: the data key is the cluster ID, the value a kubeconfig.
     *
     * @param secretName {@code istio-system/NAME}, as istiod's {@code /debug/clusterz} names it
     */
    record RemoteSecretEntry(String secretName, String clusterId, String server, String token) {
    }

    /**
     * An east-west gateway as istiod discovers one: a Service labelled with its network, exposing 15443, with an address.
     *
     * @param readyPods the labels of the ready pods behind the Service
     */
    record NetworkGateway(String cluster, String network, String address, List<Map<String, String>> readyPods) {
        boolean ready() {
            return !readyPods.isEmpty();
        }
    }

    static ClusterState down(TrafficCluster cluster) {
        return new ClusterState(cluster.name(), cluster.url(), false, "", "", false, false, "", List.of(), Set.of(), List.of(), List.of());
    }

    static ClusterState read(TrafficCluster cluster) {
        if (!cluster.isRunning()) {
            return down(cluster);
        }
        try {
            return readRunning(cluster);
        } catch (KubernetesClientException e) {
            return down(cluster); // stopped while being read
        }
    }

    private static ClusterState readRunning(TrafficCluster cluster) {
        KubernetesClient client = cluster.adminClient();
        Namespace ns = client.namespaces().withName(ISTIO_SYSTEM).get();
        String network = ns == null || ns.getMetadata().getLabels() == null ? "" : ns.getMetadata().getLabels().getOrDefault(NETWORK_LABEL, "");
        ConfigMap rootCm = client.configMaps().inNamespace(ISTIO_SYSTEM).withName("istio-ca-root-cert").get();
        String root = rootCm == null || rootCm.getData() == null ? "" : Objects.toString(rootCm.getData().get("root-cert.pem"), "");

        String clusterId = "";
        boolean istiod = false;
        for (Deployment d : client.apps().deployments().inNamespace(ISTIO_SYSTEM).withLabel("app", "istiod").list().getItems()) {
            if (d.getStatus() != null && d.getStatus().getReadyReplicas() != null && d.getStatus().getReadyReplicas() > 0) {
                istiod = true;
                clusterId = d.getSpec().getTemplate().getSpec().getContainers().stream().flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.empty()
                        : c.getEnv().stream()).filter(e -> "CLUSTER_ID".equals(e.getName())).map(e -> Objects.toString(e.getValue(), ""))
                        .findFirst().orElse(clusterId);
            }
        }
        boolean remoteProfile = false;
        for (GenericKubernetesResource iop : client.genericKubernetesResources(ISTIO_OPERATOR).inNamespace(ISTIO_SYSTEM).list().getItems()) {
            Map<?, ?> spec = map(iop.getAdditionalProperties().get("spec"));
            String profile = Objects.toString(spec.get("profile"), "");
            if (iop.getMetadata().getDeletionTimestamp() == null && (profile.equals("remote") || profile.equals("external"))) {
                remoteProfile = true;
                Object name = map(map(map(spec.get("values")).get("global")).get("multiCluster")).get("clusterName");
                clusterId = clusterId.isEmpty() && name != null ? name.toString() : clusterId;
            }
        }

        List<RemoteSecretEntry> remoteSecrets = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        for (Secret s : client.secrets().inNamespace(ISTIO_SYSTEM).list().getItems()) {
            if ("kubernetes.io/service-account-token".equals(s.getType())) {
                String token = value(s, "token");
                if (token != null && !token.isEmpty()) {
                    tokens.add(token);
                }
            }
            Map<String, String> labels = s.getMetadata().getLabels();
            if (labels != null && "true".equals(labels.get("istio/multiCluster"))) {
                for (String key : keys(s)) {
                    Map<?, ?> kubeconfig = yaml(value(s, key));
                    remoteSecrets.add(new RemoteSecretEntry(ISTIO_SYSTEM + "/" + s.getMetadata().getName(), key,
                            Objects.toString(first(kubeconfig.get("clusters"), "cluster").get("server"), ""),
                            Objects.toString(first(kubeconfig.get("users"), "user").get("token"), "")));
                }
            }
        }

        List<Pod> systemPods = client.pods().inNamespace(ISTIO_SYSTEM).list().getItems();
        List<Map<String, String>> selectors = crossNetworkServers(client).stream().map(g -> stringMap(g.get("selector"))).toList();
        List<NetworkGateway> gateways = new ArrayList<>();
        for (Service svc : client.services().inNamespace(ISTIO_SYSTEM).list().getItems()) {
            Map<String, String> labels = svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels();
            String gatewayNetwork = labels.getOrDefault(NETWORK_LABEL, "");
            int port = gatewayPort(labels);
            String address = address(svc);
            if (gatewayNetwork.isEmpty() || address.isEmpty() || svc.getSpec() == null || svc.getSpec().getPorts() == null
                    || svc.getSpec().getPorts().stream().noneMatch(p -> p.getPort() != null && p.getPort() == port)) {
                continue; // istiod does not take it for a network gateway
            }
            List<Map<String, String>> behind = systemPods.stream().filter(p -> LabelSelectors.selects(svc.getSpec().getSelector(), labels(p)))
                    .filter(MeshTraffic::ready).map(ClusterState::labels).toList();
            gateways.add(new NetworkGateway(cluster.name(), gatewayNetwork, address, behind));
        }
        return new ClusterState(cluster.name(), cluster.url(), true, network, root, istiod, remoteProfile, clusterId, List.copyOf(remoteSecrets),
                Set.copyOf(tokens), List.copyOf(gateways), selectors);
    }

    /** The specs of Gateway objects (any served version) with a server on 15443 in AUTO_PASSTHROUGH mode. */
    private static List<Map<String, Object>> crossNetworkServers(KubernetesClient client) {
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (String version : GATEWAY_VERSIONS) {
            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion(version)
                    .withKind("Gateway").withPlural("gateways").withNamespaced(true).build();
            List<GenericKubernetesResource> items;
            try {
                items = client.genericKubernetesResources(context).inNamespace(ISTIO_SYSTEM).list().getItems();
            } catch (KubernetesClientException e) {
                continue; // a version this server does not serve
            }
            for (GenericKubernetesResource g : items) {
                @SuppressWarnings("unchecked")
                Map<String, Object> spec = (Map<String, Object>) map(g.getAdditionalProperties().get("spec"));
                byName.putIfAbsent(g.getMetadata().getName(), spec);
            }
        }
        return byName.values().stream().filter(ClusterState::opensCrossNetworkPort).toList();
    }

    private static boolean opensCrossNetworkPort(Map<String, Object> spec) {
        if (!(spec.get("servers") instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            Map<?, ?> server = map(o);
            Object number = map(server.get("port")).get("number");
            if (number != null && String.valueOf(number).equals(String.valueOf(CROSS_NETWORK_PORT))
                    && "AUTO_PASSTHROUGH".equals(String.valueOf(map(server.get("tls")).get("mode")))) {
                return true;
            }
        }
        return false;
    }

    private static int gatewayPort(Map<String, String> labels) {
        try {
            return Integer.parseInt(labels.getOrDefault(GATEWAY_PORT_LABEL, String.valueOf(CROSS_NETWORK_PORT)).trim());
        } catch (NumberFormatException e) {
            return CROSS_NETWORK_PORT; // as istiod: a warning, and the default port
        }
    }

    private static String address(Service svc) {
        if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress ingress : svc.getStatus().getLoadBalancer().getIngress()) {
                String a = ingress.getIp() != null && !ingress.getIp().isEmpty() ? ingress.getIp() : Objects.toString(ingress.getHostname(), "");
                if (!a.isEmpty()) {
                    return a;
                }
            }
        }
        List<String> external = svc.getSpec() == null ? null : svc.getSpec().getExternalIPs();
        return external == null || external.isEmpty() ? "" : external.get(0);
    }

    static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private static List<String> keys(Secret s) {
        Set<String> keys = new java.util.TreeSet<>();
        if (s.getData() != null) {
            keys.addAll(s.getData().keySet());
        }
        if (s.getStringData() != null) {
            keys.addAll(s.getStringData().keySet());
        }
        return List.copyOf(keys);
    }

    /** A Secret value from data (base64, as a real API server keeps it) or stringData (as the demo's mock keeps it). */
    private static String value(Secret s, String key) {
        if (s.getData() != null && s.getData().get(key) != null) {
            try {
                return new String(Base64.getDecoder().decode(s.getData().get(key).replaceAll("\\s", "")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return s.getStringData() == null ? null : s.getStringData().get(key);
    }

    private static Map<?, ?> yaml(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            return map(loaded);
        } catch (RuntimeException e) {
            return Map.of(); // not a kubeconfig: istiod cannot use it either
        }
    }

    /** {@code clusters[0].cluster} of a kubeconfig. */
    private static Map<?, ?> first(Object list, String key) {
        return list instanceof List<?> l && !l.isEmpty() ? map(map(l.get(0)).get(key)) : Map.of();
    }

    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> result = new TreeMap<>();
        map(value).forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }
}
