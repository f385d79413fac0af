package dev.crossmesh.verify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.Labels;

/**
 * What {@code crossmesh verify} deploys in every cluster, after Istio's own multicluster check ("Verify the
 * installation": {@code samples/helloworld} and {@code samples/curl}): a namespace labelled for injection, the
 * {@code helloworld} Service on port 5000, a {@code helloworld} Deployment whose pods answer with the cluster's name
 * ({@code SERVICE_VERSION}), and a {@code curl} client. Everything carries crossmesh's labels.
 *
 * @param revision        the plan's control-plane revision ("" for none): the namespace is labelled
 *                        {@code istio.io/rev: REVISION}, else {@code istio-injection: enabled}
 * @param helloworldImage the server image
 * @param curlImage       the client image
 */
public record VerifyWorkload(String meshId, String revision, String helloworldImage, String curlImage) {
    public static final String NAMESPACE = Labels.VERIFY_NAMESPACE;
    public static final String SERVICE = "helloworld";
    public static final int PORT = 5000;
    public static final String PATH = "/hello";
    /** The server: its Deployment, container and {@code app} label. */
    public static final String SERVER = "helloworld";
    /** The client: its Deployment, container and {@code app} label. */
    public static final String CLIENT = "curl";
    public static final String PROXY_CONTAINER = "istio-proxy";
    public static final String VERSION_ENV = "SERVICE_VERSION";
    public static final String DEFAULT_REGISTRY = "docker.io";
    /** Istio's helloworld sample image (it answers {@code Hello version: $SERVICE_VERSION, instance: $HOSTNAME}). */
    static final String HELLOWORLD_IMAGE = "istio/examples-helloworld-v1:1.0";
    /** The image of Istio's {@code samples/curl/curl.yaml} at 1.30.3. */
    static final String CURL_IMAGE = "curlimages/curl:8.16.0";

    /**
     * @param imageRegistry where the two images come from instead of docker.io, for clusters without internet access
     *                      (a mirror holding {@code examples-helloworld-v1:1.0} and {@code curl:8.16.0}); "" for the
     *                      plan's {@code verify.imageRegistry}, and when that is empty too, docker.io
     */
    public static VerifyWorkload of(MeshPlan plan, String imageRegistry) {
        String chosen = imageRegistry == null || imageRegistry.isBlank() ? plan.verify().imageRegistry() : imageRegistry.strip();
        String registry = chosen.replaceAll("/+$", "");
        return new VerifyWorkload(plan.meshId(), plan.istio().revision(), image(registry, HELLOWORLD_IMAGE), image(registry, CURL_IMAGE));
    }

    private static String image(String registry, String image) {
        // a mirror keeps the image's own name: registry.example.com/mirror/examples-helloworld-v1:1.0
        return registry.isEmpty() ? DEFAULT_REGISTRY + "/" + image : registry + "/" + image.substring(image.indexOf('/') + 1);
    }

    /** crossmesh's labels, on the namespace and everything in it. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.MESH, meshId);
        return labels;
    }

    /** The namespace's labels: crossmesh's and the one that asks Istio's injector for sidecars. */
    public Map<String, String> namespaceLabels() {
        Map<String, String> labels = labels();
        labels.put(injectionKey(), injectionValue());
        return labels;
    }

    public String injectionKey() {
        return revision.isEmpty() ? "istio-injection" : Labels.REVISION;
    }

    public String injectionValue() {
        return revision.isEmpty() ? "enabled" : revision;
    }

    /** {@code http://helloworld.crossmesh-verify:5000/hello}: the Service's name, which resolves in every cluster that has it. */
    public String url() {
        return "http://" + SERVICE + "." + NAMESPACE + ":" + PORT + PATH;
    }

    /** One request, run in the client container: curl prints the answer, or its own error, and gives up after the timeout. */
    public List<String> request(Duration timeout) {
        return List.of("curl", "-sS", "--max-time", String.valueOf(Math.max(1, timeout.toSeconds())), url());
    }
}
