package dev.crossmesh.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

import org.yaml.snakeyaml.LoaderOptions;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Reads the status records out of fabric8 objects. Nothing here talks to a cluster; nothing fabric8 leaves it. */
final class ClusterReader {
    /** Service annotation naming the port of the readiness probe, for gateways whose status port is not 15021. */
    static final String STATUS_PORT_ANNOTATION = "crossmesh.dev/status-port";
    static final String ROOT_CERT_CONFIG_MAP = "istio-ca-root-cert";
    static final String CACERTS_SECRET = "cacerts";
    static final String ROOT_CERT_KEY = "root-cert.pem";

    private ClusterReader() {
    }

    static String networkLabel(HasMetadata object) {
        if (object == null || object.getMetadata() == null || object.getMetadata().getLabels() == null) {
            return "";
        }
        return Objects.toString(object.getMetadata().getLabels().get(Labels.NETWORK), "");
    }

    static Optional<Namespace> istioNamespace(List<Namespace> namespaces) {
        return namespaces.stream().filter(n -> Labels.ISTIO_NAMESPACE.equals(n.getMetadata().getName())).findFirst();
    }

    static IstiodStatus istiod(List<Deployment> deployments, List<Pod> pods, Optional<ConfigMap> meshConfig) {
        List<Pod> live = pods.stream().filter(ClusterReader::counts).toList();
        int total;
        int ready;
        if (!live.isEmpty()) {
            total = live.size();
            ready = (int) live.stream().filter(ClusterReader::isReady).count();
        } else {
            total = deployments.stream().mapToInt(d -> d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()).sum();
            ready = deployments.stream().mapToInt(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas()).sum();
        }
        Optional<PodSpec> spec = deployments.stream().sorted(Comparator.comparing(d -> d.getMetadata().getName()))
                .map(d -> d.getSpec() == null || d.getSpec().getTemplate() == null ? null : d.getSpec().getTemplate().getSpec())
                .filter(Objects::nonNull).findFirst()
                .or(() -> live.stream().map(Pod::getSpec).filter(Objects::nonNull).findFirst());
        Optional<Container> discovery = spec.flatMap(s -> s.getContainers() == null ? Optional.empty()
                : s.getContainers().stream().filter(c -> "discovery".equals(c.getName())).findFirst()
                        .or(() -> s.getContainers().stream().findFirst()));
        String version = discovery.map(c -> imageTag(c.getImage())).orElse("");
        if (version.isEmpty()) {
            version = deployments.stream().map(d -> d.getMetadata().getLabels()).filter(Objects::nonNull)
                    .map(l -> l.getOrDefault("app.kubernetes.io/version", l.getOrDefault("operator.istio.io/version", "")))
                    .filter(v -> !v.isEmpty()).findFirst().orElse("");
        }
        String clusterId = discovery.map(c -> env(c, "CLUSTER_ID")).orElse("");
        Map<String, Object> mesh = meshConfig.map(cm -> cm.getData() == null ? null : cm.getData().get("mesh")).map(ClusterReader::yamlMap).orElse(Map.of());
        String meshId = "";
        if (mesh.get("defaultConfig") instanceof Map<?, ?> defaults && defaults.get("meshId") != null) {
            meshId = String.valueOf(defaults.get("meshId"));
        }
        String trustDomain = mesh.get("trustDomain") == null ? "" : String.valueOf(mesh.get("trustDomain"));
        return new IstiodStatus(ready, total, version, clusterId, meshId, trustDomain);
    }

    /** The gateway without its probe: that comes from the prober. */
    static GatewayStatus gateway(List<Service> services, List<Pod> pods) {
        List<Pod> live = pods.stream().filter(ClusterReader::counts).toList();
        int total = live.size();
        int ready = (int) live.stream().filter(ClusterReader::isReady).count();
        Optional<Service> found = services.stream()
                .min(Comparator.comparing((Service s) -> !Labels.EASTWEST_NAME.equals(s.getMetadata().getName())).thenComparing(s -> s.getMetadata().getName()));
        if (found.isEmpty()) {
            return GatewayStatus.none(ready, total);
        }
        Service svc = found.get();
        String type = svc.getSpec() == null || svc.getSpec().getType() == null ? "ClusterIP" : svc.getSpec().getType();
        List<GatewayPort> ports = new ArrayList<>();
        if (svc.getSpec() != null && svc.getSpec().getPorts() != null) {
            for (ServicePort p : svc.getSpec().getPorts()) {
                ports.add(new GatewayPort(p.getName(), p.getPort() == null ? 0 : p.getPort(), p.getNodePort() == null ? 0 : p.getNodePort()));
            }
        }
        String address = "";
        if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress ingress : svc.getStatus().getLoadBalancer().getIngress()) {
                String a = ingress.getIp() != null && !ingress.getIp().isEmpty() ? ingress.getIp() : Objects.toString(ingress.getHostname(), "");
                if (!a.isEmpty()) {
                    address = a;
                    break;
                }
            }
        }
        if (address.isEmpty() && svc.getSpec() != null && svc.getSpec().getExternalIPs() != null && !svc.getSpec().getExternalIPs().isEmpty()) {
            address = svc.getSpec().getExternalIPs().get(0);
        }
        String reason = "";
        if (address.isEmpty()) {
            reason = switch (type) {
                case "LoadBalancer" -> "its LoadBalancer is pending: the cloud has not assigned an address yet (where nothing provides load balancers it "
                        + "stays pending: use gateway.serviceType NodePort, MetalLB, or spec.externalIPs)";
                case "NodePort" -> "type NodePort has no load-balancer address: istiod uses the nodes' addresses and node ports";
                default -> "type " + type + " is reachable only inside the cluster: use LoadBalancer or NodePort";
            };
        }
        return new GatewayStatus(svc.getMetadata().getName(), type, address, reason, networkLabel(svc), ports, statusPort(svc, ports), ready, total, null);
    }

    static int statusPort(Service svc, List<GatewayPort> ports) {
        Map<String, String> annotations = svc.getMetadata().getAnnotations();
        if (annotations != null && annotations.get(STATUS_PORT_ANNOTATION) != null) {
            try {
                int port = Integer.parseInt(annotations.get(STATUS_PORT_ANNOTATION).trim());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // not a port: fall back to the Service's own status port
            }
        }
        return ports.stream().filter(p -> "status-port".equals(p.name()) && p.port() > 0).map(GatewayPort::port).findFirst()
                .orElse(GatewayStatus.DEFAULT_STATUS_PORT);
    }

    /** Gateways read at several API versions, each once: the first version listed wins for a name. */
    static List<IstioGateway> istioGateways(List<List<GenericKubernetesResource>> perVersion) {
        Map<String, IstioGateway> byName = new TreeMap<>();
        for (List<GenericKubernetesResource> list : perVersion) {
            for (GenericKubernetesResource g : list) {
                byName.putIfAbsent(g.getMetadata().getName(), istioGateway(g));
            }
        }
        return List.copyOf(byName.values());
    }

    static IstioGateway istioGateway(GenericKubernetesResource g) {
        Map<String, String> selector = new TreeMap<>();
        List<IstioGateway.Server> servers = new ArrayList<>();
        if (g.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
            if (spec.get("selector") instanceof Map<?, ?> sel) {
                sel.forEach((k, v) -> selector.put(String.valueOf(k), String.valueOf(v)));
            }
            if (spec.get("servers") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> server) {
                        servers.add(server(server));
                    }
                }
            }
        }
        return new IstioGateway(g.getMetadata().getName(), g.getApiVersion(), selector, servers);
    }

    private static IstioGateway.Server server(Map<?, ?> server) {
        int number = 0;
        String protocol = "";
        if (server.get("port") instanceof Map<?, ?> port) {
            Object n = port.get("number");
            if (n instanceof Number num) {
                number = num.intValue();
            } else if (n != null) {
                try {
                    number = Integer.parseInt(String.valueOf(n));
                } catch (NumberFormatException ignored) {
                    // not a port number: 0 binds nothing
                }
            }
            protocol = port.get("protocol") == null ? "" : String.valueOf(port.get("protocol"));
        }
        String mode = server.get("tls") instanceof Map<?, ?> tls && tls.get("mode") != null ? String.valueOf(tls.get("mode")) : "";
        List<String> hosts = server.get("hosts") instanceof List<?> h ? h.stream().map(String::valueOf).toList() : List.of();
        return new IstioGateway.Server(number, protocol, mode, hosts);
    }

    static List<RemoteSecret> remoteSecrets(List<Secret> secrets) {
        return secrets.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).map(s -> {
            TreeSet<String> clusters = new TreeSet<>();
            Map<String, String> unusable = new TreeMap<>();
            if (s.getData() != null) {
                clusters.addAll(s.getData().keySet());
                s.getData().forEach((cluster, value) -> kubeconfigProblem(value).ifPresent(p -> unusable.put(cluster, p)));
            }
            if (s.getStringData() != null) {
                clusters.addAll(s.getStringData().keySet());
            }
            Map<String, String> annotations = s.getMetadata().getAnnotations();
            if (clusters.isEmpty() && annotations != null && annotations.get(Labels.CLUSTER_ANNOTATION) != null) {
                clusters.add(annotations.get(Labels.CLUSTER_ANNOTATION));
            }
            return new RemoteSecret(s.getMetadata().getName(), List.copyOf(clusters), unusable);
        }).toList();
    }

    /**
     * Why istiod cannot use a remote secret's kubeconfig (base64 data as the API returns it), if it cannot: istiod
     * builds a client from it, so it must be a YAML mapping whose clusters name a server.
     */
    static Optional<String> kubeconfigProblem(String base64) {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(base64 == null ? "" : base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of("its data is not base64");
        }
        Map<String, Object> kubeconfig = yamlMap(text);
        if (kubeconfig.isEmpty()) {
            return Optional.of("its kubeconfig does not parse as a kubeconfig (a YAML mapping with clusters, contexts and users)");
        }
        boolean server = kubeconfig.get("clusters") instanceof List<?> list && list.stream().anyMatch(entry -> entry instanceof Map<?, ?> e
                && e.get("cluster") instanceof Map<?, ?> c && c.get("server") instanceof String url && !url.isBlank());
        return server ? Optional.empty() : Optional.of("its kubeconfig names no API server (clusters[].cluster.server)");
    }

    /** Helm's label on its release records; {@code version} there is the release's revision. */
    static final String HELM_OWNER = "owner";
    static final String HELM_STATUS = "status";

    /**
     * The deployed releases among helm's records, by name: each record holds the release as JSON, gzipped and base64'd by
     * helm's storage driver (pkg/storage/driver/util.go), itself in a Secret's base64 data; a record that cannot be read
     * still names its release (label {@code name}).
     */
    static List<HelmReleaseStatus> helmReleases(List<Secret> records) {
        Map<String, HelmReleaseStatus> byName = new TreeMap<>();
        for (Secret s : records) {
            Map<String, String> labels = s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
            if (!"helm".equals(labels.get(HELM_OWNER)) || !"deployed".equals(labels.get(HELM_STATUS)) || labels.get("name") == null) {
                continue;
            }
            int revision = parseInt(labels.get("version"));
            String chart = "";
            String chartVersion = "";
            JsonObject release = helmRelease(secretValue(s, "release"));
            if (release != null && release.get("chart") instanceof JsonObject c && c.get("metadata") instanceof JsonObject meta) {
                chart = meta.get("name") == null || meta.get("name").isJsonNull() ? "" : meta.get("name").getAsString();
                chartVersion = meta.get("version") == null || meta.get("version").isJsonNull() ? "" : meta.get("version").getAsString();
            }
            HelmReleaseStatus found = new HelmReleaseStatus(labels.get("name"), chart, chartVersion, revision);
            byName.merge(found.name(), found, (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        return List.copyOf(byName.values());
    }

    private static JsonObject helmRelease(String encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded.trim());
            if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    // a Secret holds at most 1 MiB; a release (its chart's files) inflates to a few MiB: more is not helm's
                    bytes = in.readNBytes(16 * 1024 * 1024);
                }
            }
            return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)) instanceof JsonObject o ? o : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static int parseInt(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static RootCertificate rootCertificate(Optional<ConfigMap> rootConfigMap, Optional<Secret> cacerts) {
        String distributed = rootConfigMap.map(cm -> cm.getData() == null ? null : cm.getData().get(ROOT_CERT_KEY)).map(RootFingerprint::sha256).orElse("");
        String plugged = cacerts.map(s -> secretValue(s, ROOT_CERT_KEY)).map(RootFingerprint::sha256).orElse("");
        return new RootCertificate(distributed, plugged, cacerts.isPresent());
    }

    /**
     * A Secret value whether it sits in {@code data} (base64, as a real API server stores it) or in {@code stringData}
     * (as the demo API server keeps it).
     */
    static String secretValue(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            try {
                return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return secret.getStringData() == null ? null : secret.getStringData().get(key);
    }

    private static boolean counts(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** {@code docker.io/istio/pilot:1.24.3} gives 1.24.3; a digest or no tag gives "". */
    static String imageTag(String image) {
        if (image == null) {
            return "";
        }
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = noDigest.lastIndexOf(':');
        return colon > noDigest.lastIndexOf('/') ? noDigest.substring(colon + 1) : "";
    }

    private static String env(Container c, String name) {
        if (c.getEnv() == null) {
            return "";
        }
        return c.getEnv().stream().filter(e -> name.equals(e.getName())).map(EnvVar::getValue).filter(Objects::nonNull).findFirst().orElse("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlMap(String text) {
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            return loaded instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
