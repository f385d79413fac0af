package dev.crossmesh.render;

import static dev.crossmesh.render.ManifestRenderer.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/**
 * Remote secrets exactly as {@code istioctl create-remote-secret --name=<cluster>} prints them: a Secret
 * {@code istio-remote-secret-<cluster>} labelled {@code istio/multiCluster: "true"}, whose one data key is the
 * cluster name and whose value is a kubeconfig for the source cluster's reader service account.
 */
public final class RemoteSecrets {
    public static final String TOKEN_PLACEHOLDER_PREFIX = "<token of ";

    private RemoteSecrets() {
    }

    /** The secret as the preview shows it before apply: the server, CA and token come from the source cluster at apply time. */
    public static Map<String, Object> template(MeshPlan plan, ClusterSpec source) {
        String server = source.apiServer().isEmpty() ? "<API server of context " + source.context() + ", read at apply time>" : source.apiServer();
        String kubeconfig = kubeconfig(source, server,
                "<ca.crt of the reader token Secret in " + source.name() + ", read at apply time>",
                TOKEN_PLACEHOLDER_PREFIX + Labels.READER_SERVICE_ACCOUNT + " in " + source.name() + ", read at apply time>");
        return secret(plan, source.name(), kubeconfig);
    }

    public static Map<String, Object> secret(MeshPlan plan, String sourceCluster, String kubeconfig) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put(Labels.MULTI_CLUSTER_SECRET, "true");
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.MESH, plan.meshId());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", Labels.remoteSecretName(sourceCluster));
        metadata.put("namespace", Labels.ISTIO_NAMESPACE);
        metadata.put("labels", labels);
        metadata.put("annotations", map(Labels.CLUSTER_ANNOTATION, sourceCluster));
        Map<String, Object> secret = ManifestRenderer.object("v1", "Secret", metadata);
        secret.put("type", "Opaque");
        secret.put("stringData", map(sourceCluster, kubeconfig));
        return secret;
    }

    /**
     * A kubeconfig whose cluster, context and user are all named after the source cluster, as istioctl writes it
     * ({@code tls-server-name} when the plan gives one, as {@code --tls-server-name} does).
     */
    public static String kubeconfig(ClusterSpec source, String server, String caDataBase64, String token) {
        String clusterName = source.name();
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("certificate-authority-data", caDataBase64);
        cluster.put("server", server);
        if (!source.tlsServerName().isEmpty()) {
            cluster.put("tls-server-name", source.tlsServerName());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(map("cluster", cluster, "name", clusterName)));
        config.put("contexts", List.of(map("context", map("cluster", clusterName, "user", clusterName), "name", clusterName)));
        config.put("current-context", clusterName);
        config.put("preferences", Map.of());
        config.put("users", List.of(map("name", clusterName, "user", map("token", token))));
        return KubeYaml.dump(config);
    }
}
