package dev.crossmesh.kube;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.render.Labels;

/**
 * What {@code istioctl create-remote-secret} sets up in the source cluster before it can print a remote secret:
 * the reader ServiceAccount, its ClusterRole and ClusterRoleBinding (as the istio-discovery chart renders them),
 * and a long-lived {@code kubernetes.io/service-account-token} Secret, because since Kubernetes 1.24 no token
 * Secret is made by itself. crossmesh creates each only if it is missing, with its own labels, so that uninstall
 * removes what it made and nothing else.
 */
final class ReaderAccess {
    static final String TOKEN_SECRET = Labels.READER_SERVICE_ACCOUNT + "-istio-remote-secret-token";
    static final String TOKEN_TYPE = "kubernetes.io/service-account-token";
    static final String SERVICE_ACCOUNT_ANNOTATION = "kubernetes.io/service-account.name";

    /** The credentials a remote secret carries. {@link #toString()} never shows the token. */
    record Credentials(String server, String caData, String token) {
        @Override
        public String toString() {
            return "Credentials[server=" + server + ", token=<hidden>]";
        }
    }

    private ReaderAccess() {
    }

    static String clusterRoleName(MeshPlan plan) {
        return IstioReleases.facts(plan.istio().version()).readerRbac().clusterRoleName(plan.istio().revision());
    }

    /** ServiceAccount, ClusterRole and ClusterRoleBinding, in the order they are created. */
    static List<Map<String, Object>> rbacObjects(MeshPlan plan, ClusterSpec source) {
        List<Map<String, Object>> objects = new ArrayList<>();
        objects.add(object("v1", "ServiceAccount", Labels.READER_SERVICE_ACCOUNT, Labels.ISTIO_NAMESPACE, plan));

        Map<String, Object> role = object("rbac.authorization.k8s.io/v1", "ClusterRole", clusterRoleName(plan), "", plan);
        role.put("rules", rules(plan, source));
        objects.add(role);

        Map<String, Object> binding = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", clusterRoleName(plan), "", plan);
        binding.put("roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", clusterRoleName(plan)));
        binding.put("subjects", List.of(map("kind", "ServiceAccount", "name", Labels.READER_SERVICE_ACCOUNT, "namespace", Labels.ISTIO_NAMESPACE)));
        objects.add(binding);
        return objects;
    }

    /** The token Secret istioctl 1.14+ creates when the reader has none; the token controller fills it. */
    static Map<String, Object> tokenSecret(MeshPlan plan) {
        Map<String, Object> secret = object("v1", "Secret", TOKEN_SECRET, Labels.ISTIO_NAMESPACE, plan);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) secret.get("metadata");
        metadata.put("annotations", map(SERVICE_ACCOUNT_ANNOTATION, Labels.READER_SERVICE_ACCOUNT));
        secret.put("type", TOKEN_TYPE);
        return secret;
    }

    /** Whether a live Secret is a token Secret of the reader service account. */
    static boolean isReaderToken(Map<String, Object> secret) {
        return TOKEN_TYPE.equals(secret.get("type"))
                && Labels.READER_SERVICE_ACCOUNT.equals(ObjectFields.annotations(secret).get(SERVICE_ACCOUNT_ANNOTATION));
    }

    /** The token Secret to use: ours by name, else any token Secret of the reader (as istioctl finds one), else null. */
    static Map<String, Object> findTokenSecret(ClusterObjects api) {
        Map<String, Object> named = api.get("v1", "Secret", Labels.ISTIO_NAMESPACE, TOKEN_SECRET);
        if (named != null) {
            return named;
        }
        return api.list("v1", "Secret", Labels.ISTIO_NAMESPACE, Map.of()).stream().filter(ReaderAccess::isReaderToken)
                .findFirst().orElse(null);
    }

    /** The credentials in a filled token Secret, or null while the token controller has not filled it. */
    static Credentials credentials(Map<String, Object> tokenSecret, String server) {
        if (tokenSecret == null || !(tokenSecret.get("data") instanceof Map<?, ?> data)) {
            return null;
        }
        Object token = data.get("token");
        Object ca = data.get("ca.crt");
        if (token == null || ca == null || token.toString().isEmpty() || ca.toString().isEmpty()) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(token.toString().replaceAll("\\s", "")), StandardCharsets.UTF_8);
        // the Secret's data is base64 already, which is what certificate-authority-data holds
        return new Credentials(server, ca.toString().replaceAll("\\s", ""), decoded);
    }

    /**
     * The reader's rights as the chart of the plan's release grants them; a remote's reader may also write what its
     * primary writes there (config maps, webhook configurations).
     */
    private static List<Object> rules(MeshPlan plan, ClusterSpec source) {
        ReleaseFacts.ReaderRbac rbac = IstioReleases.facts(plan.istio().version()).readerRbac();
        List<ReleaseFacts.Rule> granted = new ArrayList<>(rbac.rules());
        if (plan.topology() == Topology.PRIMARY_REMOTE && source.role() == Role.REMOTE) {
            granted.addAll(rbac.remoteRules());
        }
        List<Object> rules = new ArrayList<>();
        for (ReleaseFacts.Rule r : granted) {
            rules.add(rule(r.apiGroups(), r.resources(), r.verbs()));
        }
        return rules;
    }

    private static Map<String, Object> rule(List<String> groups, List<String> resources, List<String> verbs) {
        return map("apiGroups", groups, "resources", resources, "verbs", verbs);
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace, MeshPlan plan) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", map(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, Labels.MESH, plan.meshId()));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
