package dev.crossmesh.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.certs.MeshCertificateAuthority;
import dev.crossmesh.certs.Pem;
import dev.crossmesh.certs.RootCa;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A healthy multi-primary, multi-network mesh in demo clusters, made of the objects a real install leaves in
 * istio-system, written through each cluster's admin client. Tests break one thing and repair it.
 * Cluster i is named {@code cluster-i}, reached through context {@code demo-cluster-i}, in network {@code vpc-i}.
 */
public final class MeshFixture implements AutoCloseable {
    static final String NS = Labels.ISTIO_NAMESPACE;
    static final String ISTIO_IMAGE = "docker.io/istio/pilot:" + dev.crossmesh.plan.IstioSpec.DEFAULT_VERSION;

    public final DemoClusters demo;
    public final MeshPlan plan;
    final ClusterClients clients;
    final RootCa root;
    final String rootPem;
    private final Map<String, FakeGatewayStatus> gateways = new LinkedHashMap<>();
    private final Map<String, ClusterCerts> certs = new LinkedHashMap<>();

    private MeshFixture(DemoClusters demo, MeshPlan plan) {
        this.demo = demo;
        this.plan = plan;
        this.clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())));
        this.root = MeshCertificateAuthority.createRoot(KeyType.EC_P256);
        this.rootPem = Pem.encode(root.certificate());
        for (ClusterSpec c : plan.clusters()) {
            gateways.put(c.name(), FakeGatewayStatus.onFreePort());
            certs.put(c.name(), MeshCertificateAuthority.issueIntermediate(root, c.name(), KeyType.EC_P256));
        }
    }

    public static MeshFixture start(int clusters, Path dir) throws IOException {
        // bare API servers: the fixture writes every object itself, as the status tests need exact states
        DemoClusters demo = DemoClusters.builder().clusters(clusters).kubeconfig(dir.resolve("kubeconfig")).withoutSimulation().start();
        List<ClusterSpec> specs = new ArrayList<>();
        for (int i = 1; i <= clusters; i++) {
            specs.add(new ClusterSpec("cluster-" + i, DemoClusters.NAME_PREFIX + i, "vpc-" + i));
        }
        return new MeshFixture(demo, MeshPlan.of("mesh1", specs));
    }

    /** Clients per context for the monitor; made on first use, so a monitor started on them pays for them. */
    public ClusterClients clients() {
        return clients;
    }

    public Path kubeconfig() {
        return demo.kubeconfig();
    }

    public Path writePlan(Path file) throws IOException {
        PlanWriter.write(plan, file);
        return file;
    }

    ClusterSpec cluster(String name) {
        return plan.cluster(name).orElseThrow();
    }

    public KubernetesClient admin(String cluster) {
        return demo.server(cluster(cluster).context()).adminClient();
    }

    FakeGatewayStatus gateway(String cluster) {
        return gateways.get(cluster);
    }

    public String rootSha256() {
        return Pem.sha256Fingerprint(root.certificate());
    }

    public void installHealthy() {
        plan.clusters().forEach(c -> installHealthy(c.name()));
    }

    /** Creates or repairs every object of a healthy cluster; objects a test added beside them are left alone. */
    public void installHealthy(String name) {
        ClusterSpec c = cluster(name);
        KubernetesClient k = admin(name);
        apply(k, new NamespaceBuilder().withNewMetadata().withName(NS).addToLabels(Labels.NETWORK, c.network()).endMetadata().build());
        apply(k, istiodDeployment(c.name(), ISTIO_IMAGE));
        apply(k, pod("istiod-7f9c-abcde", Map.of("app", "istiod"), true));
        apply(k, new ConfigMapBuilder().withNewMetadata().withName("istio").withNamespace(NS).endMetadata()
                .addToData("mesh", "defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  meshId: " + plan.meshId()
                        + "\ntrustDomain: " + plan.trustDomain() + "\n")
                .build());
        apply(k, gatewayService(c, "LoadBalancer"));
        Service svc = k.services().inNamespace(NS).withName(Labels.EASTWEST_NAME).get();
        boolean hasAddress = svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null && svc.getStatus().getLoadBalancer().getIngress() != null
                && svc.getStatus().getLoadBalancer().getIngress().stream().anyMatch(i -> gateway(name).address().equals(i.getIp()));
        if (!hasAddress) {
            setGatewayAddress(name, gateway(name).address());
        }
        apply(k, pod("istio-eastwestgateway-5d8f-xyz12", Map.of(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE, "app", Labels.EASTWEST_NAME), true));
        apply(k, crossNetworkGateway(Labels.CROSS_NETWORK_GATEWAY, "networking.istio.io/v1"));
        for (ClusterSpec source : plan.remoteSecretSources(c)) {
            apply(k, remoteSecret(source.name()));
        }
        apply(k, new ConfigMapBuilder().withNewMetadata().withName("istio-ca-root-cert").withNamespace(NS).endMetadata()
                .addToData("root-cert.pem", rootPem).build());
        apply(k, cacerts(certs.get(name)));
    }

    Deployment istiodDeployment(String clusterId, String image) {
        return new DeploymentBuilder().withNewMetadata().withName("istiod").withNamespace(NS).addToLabels("app", "istiod").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "istiod").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "istiod").endMetadata()
                .withNewSpec().addNewContainer().withName("discovery").withImage(image)
                .addNewEnv().withName("CLUSTER_ID").withValue(clusterId).endEnv()
                .addNewEnv().withName("PILOT_ENABLE_CROSS_CLUSTER_WORKLOAD_ENTRY").withValue("true").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build();
    }

    Service gatewayService(ClusterSpec c, String type) {
        return new ServiceBuilder().withNewMetadata().withName(Labels.EASTWEST_NAME).withNamespace(NS)
                .addToLabels(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE).addToLabels("app", Labels.EASTWEST_NAME)
                .addToLabels(Labels.NETWORK, c.network())
                .addToAnnotations(ClusterReader.STATUS_PORT_ANNOTATION, String.valueOf(gateway(c.name()).port()))
                .endMetadata()
                .withNewSpec().withType(type).addToSelector(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE)
                .addNewPort().withName("status-port").withPort(15021).withNewTargetPort(15021).withProtocol("TCP").endPort()
                .addNewPort().withName("tls").withPort(15443).withNewTargetPort(15443).withProtocol("TCP").endPort()
                .addNewPort().withName("tls-istiod").withPort(15012).withNewTargetPort(15012).withProtocol("TCP").endPort()
                .addNewPort().withName("tls-webhook").withPort(15017).withNewTargetPort(15017).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** Sets the load balancer's address as a cloud controller would; "" clears it (pending). */
    void setGatewayAddress(String cluster, String address) {
        KubernetesClient k = admin(cluster);
        Service svc = k.services().inNamespace(NS).withName(Labels.EASTWEST_NAME).get();
        svc.setStatus(null);
        svc.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(address.isEmpty() ? List.of() : List.of(new LoadBalancerIngressBuilder().withIp(address).build()))
                .endLoadBalancer().build());
        k.services().inNamespace(NS).resource(svc).updateStatus();
    }

    static Pod pod(String name, Map<String, String> labels, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("auto").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus()
                .build();
    }

    GenericKubernetesResource crossNetworkGateway(String name, String apiVersion) {
        GenericKubernetesResource g = new GenericKubernetesResource();
        g.setApiVersion(apiVersion);
        g.setKind("Gateway");
        g.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        g.setAdditionalProperty("spec", Map.of(
                "selector", Map.of(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE),
                "servers", List.of(Map.of(
                        "port", Map.of("number", 15443, "name", "tls", "protocol", "TLS"),
                        "tls", Map.of("mode", "AUTO_PASSTHROUGH"),
                        "hosts", List.of("*.local")))));
        return g;
    }

    /** As istioctl create-remote-secret writes it, stored as a real API server stores it (data, base64). */
    Secret remoteSecret(String sourceCluster) {
        String kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://" + sourceCluster + ".example:443\n  name: "
                + sourceCluster + "\ncurrent-context: " + sourceCluster + "\n";
        return new SecretBuilder().withNewMetadata().withName(Labels.remoteSecretName(sourceCluster)).withNamespace(NS)
                .addToLabels(Labels.MULTI_CLUSTER_SECRET, "true").addToAnnotations(Labels.CLUSTER_ANNOTATION, sourceCluster).endMetadata()
                .withType("Opaque").addToData(sourceCluster, b64(kubeconfig)).build();
    }

    static Secret cacerts(ClusterCerts certs) {
        return new SecretBuilder().withNewMetadata().withName("cacerts").withNamespace(NS).endMetadata().withType("Opaque")
                .addToData("ca-cert.pem", b64(certs.caCertPem())).addToData("ca-key.pem", b64(certs.caKeyPem()))
                .addToData("root-cert.pem", b64(certs.rootCertPem())).addToData("cert-chain.pem", b64(certs.certChainPem())).build();
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates the object, or replaces it when it differs; leaves it alone when it is already as wanted, so that
     * repairing a healthy cluster sends no events.
     */
    static <T extends HasMetadata> T apply(KubernetesClient k, T object) {
        T existing = k.resource(object).get();
        if (existing != null && sameContent(existing, object)) {
            return existing;
        }
        object.getMetadata().setResourceVersion(null);
        T written = k.resource(object).createOr(NonDeletingOperation::update);
        if (object instanceof io.fabric8.kubernetes.api.model.Pod pod && pod.getStatus() != null) {
            // a PUT leaves status alone, as on a real API server: a pod's readiness goes through its status subresource
            pod.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
            @SuppressWarnings("unchecked")
            T updated = (T) k.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
            return updated;
        }
        return written;
    }

    /** Gateways go through a ResourceDefinitionContext: the demo clusters have no Istio CRDs to discover them by. */
    static GenericKubernetesResource apply(KubernetesClient k, GenericKubernetesResource gateway) {
        GenericKubernetesResource existing = gateways(k, gateway.getApiVersion()).withName(gateway.getMetadata().getName()).get();
        if (existing != null && sameContent(existing, gateway)) {
            return existing;
        }
        gateway.getMetadata().setResourceVersion(null);
        return gateways(k, gateway.getApiVersion()).resource(gateway).createOr(NonDeletingOperation::update);
    }

    /** Same labels, annotations and content; what the server adds to metadata, and a Service's status, do not count. */
    @SuppressWarnings("unchecked")
    private static boolean sameContent(HasMetadata existing, HasMetadata wanted) {
        Map<String, Object> a = Serialization.unmarshal(Serialization.asJson(existing), Map.class);
        Map<String, Object> b = Serialization.unmarshal(Serialization.asJson(wanted), Map.class);
        for (Map<String, Object> m : List.of(a, b)) {
            Map<String, Object> meta = (Map<String, Object>) m.get("metadata");
            meta.keySet().retainAll(List.of("name", "namespace", "labels", "annotations"));
            meta.values().removeIf(v -> v instanceof Map<?, ?> map && map.isEmpty());
            if (!"Pod".equals(m.get("kind"))) {
                m.remove("status");
            }
        }
        return a.equals(b);
    }

    static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> gateways(KubernetesClient k, String apiVersion) {
        return k.genericKubernetesResources(apiVersion.endsWith("/v1") ? ClusterWatch.GATEWAY_V1 : ClusterWatch.GATEWAY_V1ALPHA3).inNamespace(NS);
    }

    @Override
    public void close() {
        gateways.values().forEach(FakeGatewayStatus::close);
        clients.close();
        demo.close();
    }
}
