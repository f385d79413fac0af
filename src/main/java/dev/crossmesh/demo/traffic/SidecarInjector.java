package dev.crossmesh.demo.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Istio's sidecar injection: the {@code istio-sidecar-injector[-REVISION]} MutatingWebhookConfiguration a control plane
 * installs (the webhooks and selectors of the istio-discovery chart's {@code mutatingwebhook.yaml}, Istio 1.30.3), and
 * what the API server does with it when a pod is created: the first webhook whose namespaceSelector matches the pod's
 * namespace and whose objectSelector matches the pod adds the {@code istio-proxy} container. No webhook, no sidecar:
 * a namespace labelled for a revision nobody installed gets plain pods, as on a real cluster.
 */
final class SidecarInjector {
    static final String PROXY_CONTAINER = "istio-proxy";
    static final String INIT_CONTAINER = "istio-init";
    /** On a simulated webhook configuration: the proxy image its istiod injects (a real one keeps it in the injector ConfigMap). */
    static final String PROXY_IMAGE_ANNOTATION = "crossmesh.dev/proxy-image";
    static final String INJECT_LABEL = "sidecar.istio.io/inject";
    static final String REVISION_LABEL = "istio.io/rev";
    static final String INJECTION_LABEL = "istio-injection";
    static final String TLS_MODE_LABEL = "security.istio.io/tlsMode";
    private static final String WEBHOOK_SUFFIX = "sidecar-injector.istio.io";

    private SidecarInjector() {
    }

    /** The webhook configuration of a control plane of this revision ("" for the default one). */
    static MutatingWebhookConfiguration webhookConfiguration(String revision, String owner, String proxyImage, Map<String, String> annotations) {
        String rev = revision.isEmpty() ? "default" : revision;
        String service = revision.isEmpty() ? "istiod" : "istiod-" + revision;
        List<MutatingWebhook> webhooks = new ArrayList<>();
        webhooks.add(webhook("rev.namespace.", service,
                selector(expression(REVISION_LABEL, "In", rev), expression(INJECTION_LABEL, "DoesNotExist")),
                selector(expression(INJECT_LABEL, "NotIn", "false"))));
        webhooks.add(webhook("rev.object.", service,
                selector(expression(REVISION_LABEL, "DoesNotExist"), expression(INJECTION_LABEL, "DoesNotExist")),
                selector(expression(INJECT_LABEL, "NotIn", "false"), expression(REVISION_LABEL, "In", rev))));
        if (revision.isEmpty()) {
            webhooks.add(webhook("namespace.", service, selector(expression(INJECTION_LABEL, "In", "enabled")),
                    selector(expression(INJECT_LABEL, "NotIn", "false"))));
            webhooks.add(webhook("object.", service,
                    selector(expression(INJECTION_LABEL, "DoesNotExist"), expression(REVISION_LABEL, "DoesNotExist")),
                    selector(expression(INJECT_LABEL, "In", "true"), expression(REVISION_LABEL, "DoesNotExist"))));
        }
        Map<String, String> all = new LinkedHashMap<>(annotations);
        all.put(PROXY_IMAGE_ANNOTATION, proxyImage);
        return new MutatingWebhookConfigurationBuilder().withNewMetadata()
                .withName(revision.isEmpty() ? "istio-sidecar-injector" : "istio-sidecar-injector-" + revision)
                .addToLabels(REVISION_LABEL, rev).addToLabels("app", "sidecar-injector")
                .addToLabels("install.operator.istio.io/owning-resource", owner).addToLabels("operator.istio.io/component", "Pilot")
                .withAnnotations(all).endMetadata()
                .withWebhooks(webhooks).build();
    }

    private static MutatingWebhook webhook(String prefix, String service, LabelSelector namespaces, LabelSelector objects) {
        return new MutatingWebhookBuilder().withName(prefix + WEBHOOK_SUFFIX)
                .withNewClientConfig().withNewService().withName(service).withNamespace("istio-system").withPath("/inject").withPort(443)
                .endService().endClientConfig()
                .withSideEffects("None").withFailurePolicy("Fail").withAdmissionReviewVersions("v1").withReinvocationPolicy("Never")
                .addNewRule().withOperations("CREATE").withApiGroups("").withApiVersions("v1").withResources("pods").endRule()
                .withNamespaceSelector(namespaces).withObjectSelector(objects).build();
    }

    private static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelectorRequirement... requirements) {
        return new LabelSelectorBuilder().withMatchExpressions(requirements).build();
    }

    private static io.fabric8.kubernetes.api.model.LabelSelectorRequirement expression(String key, String operator, String... values) {
        return new io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder().withKey(key).withOperator(operator)
                .withValues(values.length == 0 ? null : List.of(values)).build();
    }

    /** The pod as it is stored after admission: with a sidecar when an Istio injection webhook selects it. */
    static Pod admit(KubernetesClient client, Pod pod) {
        if (hasProxy(pod) || pod.getSpec() == null) {
            return pod;
        }
        Namespace namespace = client.namespaces().withName(pod.getMetadata().getNamespace()).get();
        Map<String, String> namespaceLabels = new LinkedHashMap<>();
        if (namespace != null && namespace.getMetadata().getLabels() != null) {
            namespaceLabels.putAll(namespace.getMetadata().getLabels());
        }
        namespaceLabels.put("kubernetes.io/metadata.name", pod.getMetadata().getNamespace());
        Map<String, String> podLabels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        for (MutatingWebhookConfiguration configuration : client.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems()) {
            for (MutatingWebhook webhook : configuration.getWebhooks() == null ? List.<MutatingWebhook>of() : configuration.getWebhooks()) {
                if (webhook.getName() != null && webhook.getName().endsWith(WEBHOOK_SUFFIX)
                        && LabelSelectors.matches(webhook.getNamespaceSelector(), namespaceLabels)
                        && LabelSelectors.matches(webhook.getObjectSelector(), podLabels)) {
                    return injected(pod, configuration);
                }
            }
        }
        return pod;
    }

    static boolean hasProxy(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getContainers() != null
                && pod.getSpec().getContainers().stream().anyMatch(c -> PROXY_CONTAINER.equals(c.getName()));
    }

    private static Pod injected(Pod pod, MutatingWebhookConfiguration configuration) {
        Map<String, String> annotations = configuration.getMetadata().getAnnotations();
        String image = annotations == null ? null : annotations.get(PROXY_IMAGE_ANNOTATION);
        String revision = configuration.getMetadata().getLabels().getOrDefault(REVISION_LABEL, "default");
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Container proxy = new ContainerBuilder().withName(PROXY_CONTAINER).withImage(image == null ? "docker.io/istio/proxyv2" : image)
                .withArgs("proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local", "--proxyLogLevel=warning")
                .addNewPort().withName("http-envoy-prom").withContainerPort(15090).withProtocol("TCP").endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz/ready").withNewPort(15021).endHttpGet().endReadinessProbe()
                .build();
        Container init = new ContainerBuilder().withName(INIT_CONTAINER).withImage(proxy.getImage())
                .withArgs("istio-iptables", "-p", "15001", "-z", "15006", "-u", "1337", "-m", "REDIRECT", "-i", "*", "-b", "*").build();
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        containers.add(proxy);
        List<Container> initContainers = new ArrayList<>(pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers());
        initContainers.add(init);
        return new PodBuilder(pod).editMetadata()
                .addToLabels(TLS_MODE_LABEL, "istio")
                .addToLabels("service.istio.io/canonical-name", labels.getOrDefault("app", pod.getMetadata().getName()))
                .addToLabels("service.istio.io/canonical-revision", labels.getOrDefault("version", "latest"))
                .addToAnnotations("sidecar.istio.io/status", "{\"initContainers\":[\"istio-init\"],\"containers\":[\"istio-proxy\"],"
                        + "\"volumes\":[\"workload-socket\",\"istio-envoy\",\"istio-data\",\"istio-podinfo\",\"istio-token\",\"istiod-ca-cert\"],"
                        + "\"imagePullSecrets\":null,\"revision\":\"" + revision + "\"}")
                .endMetadata()
                .editSpec().withContainers(containers).withInitContainers(initContainers).endSpec().build();
    }
}
