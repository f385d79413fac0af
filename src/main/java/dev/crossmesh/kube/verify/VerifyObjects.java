package dev.crossmesh.kube.verify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.verify.VerifyWorkload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The check's objects for one cluster, after Istio's {@code samples/helloworld/gen-helloworld.sh --version CLUSTER}
 * and {@code samples/curl/curl.yaml} (1.30.3), in apply order; each carries crossmesh's labels.
 */
final class VerifyObjects {
    private VerifyObjects() {
    }

    static Namespace namespace(VerifyWorkload w) {
        return new NamespaceBuilder().withNewMetadata().withName(VerifyWorkload.NAMESPACE).withLabels(w.namespaceLabels()).endMetadata().build();
    }

    /** ServiceAccount, Service and the two Deployments, in this order. */
    static List<HasMetadata> objects(VerifyWorkload w, String cluster) {
        String ns = VerifyWorkload.NAMESPACE;
        Map<String, String> serverLabels = labels(w, Map.of("app", VerifyWorkload.SERVER, "version", cluster));
        Map<String, String> clientLabels = labels(w, Map.of("app", VerifyWorkload.CLIENT));
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(VerifyWorkload.CLIENT).withNamespace(ns).withLabels(w.labels()).endMetadata().build(),
                new ServiceBuilder().withNewMetadata().withName(VerifyWorkload.SERVICE).withNamespace(ns)
                        .withLabels(labels(w, Map.of("app", VerifyWorkload.SERVER, "service", VerifyWorkload.SERVICE))).endMetadata()
                        .withNewSpec().addNewPort().withName("http").withPort(VerifyWorkload.PORT).endPort()
                        .addToSelector("app", VerifyWorkload.SERVER).endSpec().build(),
                new DeploymentBuilder().withNewMetadata().withName(VerifyWorkload.SERVER).withNamespace(ns).withLabels(serverLabels).endMetadata()
                        .withNewSpec().withReplicas(1)
                        .withNewSelector().addToMatchLabels("app", VerifyWorkload.SERVER).addToMatchLabels("version", cluster).endSelector()
                        .withNewTemplate().withNewMetadata().withLabels(serverLabels).endMetadata()
                        .withNewSpec().addNewContainer().withName(VerifyWorkload.SERVER).withImage(w.helloworldImage()).withImagePullPolicy("IfNotPresent")
                        .addNewEnv().withName(VerifyWorkload.VERSION_ENV).withValue(cluster).endEnv()
                        .addNewPort().withContainerPort(VerifyWorkload.PORT).endPort()
                        .withNewResources().addToRequests("cpu", new Quantity("100m")).endResources()
                        .endContainer().endSpec().endTemplate().endSpec().build(),
                new DeploymentBuilder().withNewMetadata().withName(VerifyWorkload.CLIENT).withNamespace(ns).withLabels(clientLabels).endMetadata()
                        .withNewSpec().withReplicas(1)
                        .withNewSelector().addToMatchLabels("app", VerifyWorkload.CLIENT).endSelector()
                        .withNewTemplate().withNewMetadata().withLabels(clientLabels).endMetadata()
                        .withNewSpec().withTerminationGracePeriodSeconds(0L).withServiceAccountName(VerifyWorkload.CLIENT)
                        .addNewContainer().withName(VerifyWorkload.CLIENT).withImage(w.curlImage()).withImagePullPolicy("IfNotPresent")
                        .withCommand("/bin/sleep", "infinity").endContainer()
                        .endSpec().endTemplate().endSpec().build());
    }

    private static Map<String, String> labels(VerifyWorkload w, Map<String, String> own) {
        Map<String, String> labels = new LinkedHashMap<>(new java.util.TreeMap<>(own));
        labels.putAll(w.labels());
        return labels;
    }
}
