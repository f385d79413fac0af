package dev.crossmesh.demo;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What a fresh cluster already has before crossmesh touches it: nodes in a region and its zones, the system
 * namespaces, and the Istio CRDs (as after {@code istioctl install} of the base chart), so that discovery by
 * apiVersion/kind works for Gateway, VirtualService and IstioOperator.
 */
final class ClusterBootstrap {
    static final String REGION_LABEL = "topology.kubernetes.io/region";
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private ClusterBootstrap() {
    }

    static void apply(KubernetesClient client, String clusterName, int index) {
        for (String ns : List.of("default", "kube-system", "kube-public")) {
            createIfMissing(() -> client.resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .addToLabels("kubernetes.io/metadata.name", ns).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build()).create());
        }
        List<String> zones = DemoRegions.zones(index);
        for (int n = 0; n < zones.size(); n++) {
            String nodeName = clusterName + "-node-" + (n + 1);
            String zone = zones.get(n);
            String internalIp = "10.0." + index + "." + (n + 10);
            createIfMissing(() -> client.resource(new NodeBuilder().withNewMetadata().withName(nodeName)
                    .addToLabels(REGION_LABEL, DemoRegions.region(index))
                    .addToLabels(ZONE_LABEL, zone)
                    .addToLabels("kubernetes.io/hostname", nodeName)
                    .addToLabels("kubernetes.io/os", "linux")
                    .addToLabels("kubernetes.io/arch", "amd64")
                    .addToLabels("node.kubernetes.io/instance-type", "demo")
                    .endMetadata()
                    .withNewStatus()
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                    .withMessage("demo node: simulated by crossmesh").endCondition()
                    .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(nodeName).endAddress()
                    .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110")))
                    .withNewNodeInfo().withKubeletVersion(DemoApiServer.DEFAULT_KUBERNETES_VERSION)
                    .withKubeProxyVersion(DemoApiServer.DEFAULT_KUBERNETES_VERSION).withOperatingSystem("linux").withArchitecture("amd64")
                    .withOsImage("crossmesh demo node").withContainerRuntimeVersion("demo://1.0").endNodeInfo()
                    .endStatus().build()).create());
        }
        for (CustomResourceDefinition crd : istioCrds()) {
            createIfMissing(() -> client.apiextensions().v1().customResourceDefinitions().resource(crd).create());
        }
    }

    static List<CustomResourceDefinition> istioCrds() {
        return List.of(
                crd("networking.istio.io", "Gateway", "gateways", List.of("gw"), "v1", "v1alpha3", "v1beta1"),
                crd("networking.istio.io", "VirtualService", "virtualservices", List.of("vs"), "v1", "v1alpha3", "v1beta1"),
                crd("install.istio.io", "IstioOperator", "istiooperators", List.of("iop", "io"), "v1alpha1"));
    }

    /** @param versions the storage version first, then the other served ones */
    private static CustomResourceDefinition crd(String group, String kind, String plural, List<String> shortNames, String... versions) {
        List<CustomResourceDefinitionVersion> served = new java.util.ArrayList<>();
        for (int i = 0; i < versions.length; i++) {
            served.add(new CustomResourceDefinitionVersionBuilder().withName(versions[i]).withServed(true).withStorage(i == 0)
                    .withNewSubresources().withNewStatus().endStatus().endSubresources()
                    .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                    .endOpenAPIV3Schema().endSchema().build());
        }
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + "." + group)
                .addToLabels("app", "istio-pilot").addToLabels("release", "istio").endMetadata()
                .withNewSpec().withGroup(group).withScope("Namespaced")
                .withNewNames().withKind(kind).withListKind(kind + "List").withPlural(plural).withSingular(kind.toLowerCase(java.util.Locale.ROOT))
                .withShortNames(shortNames).withCategories("istio-io", group.startsWith("networking") ? "networking-istio-io" : "install-istio-io")
                .endNames()
                .withVersions(served).endSpec().build();
    }

    /** Bootstrapping twice (a restarted demo) finds everything there: that is fine. */
    private static void createIfMissing(Runnable create) {
        try {
            create.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
