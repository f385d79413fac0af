package dev.crossmesh.demo.auth;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;

/**
 * The default roles kube-apiserver reconciles at start that every token relies on
 * ({@code plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go}): cluster-admin for {@code system:masters},
 * discovery, the self-reviews and the public version and health endpoints for every authenticated user. A demo
 * cluster holds them in effect without storing them, so that they do not show up among what crossmesh or a test
 * lists, and a stored object of the same name takes their place.
 */
public final class BootstrapPolicy {
    static final String UNAUTHENTICATED = "system:unauthenticated";

    private BootstrapPolicy() {
    }

    public static List<ClusterRole> clusterRoles() {
        return List.of(
                role("cluster-admin", resources(List.of("*"), List.of("*"), List.of("*")), urls(List.of("*"), List.of("*"))),
                role("system:discovery", urls(List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                        "/readyz", "/version", "/version/"), List.of("get"))),
                role("system:basic-user",
                        resources(List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"), List.of("create")),
                        resources(List.of("authentication.k8s.io"), List.of("selfsubjectreviews"), List.of("create"))),
                role("system:public-info-viewer", urls(List.of("/healthz", "/livez", "/readyz", "/version", "/version/"), List.of("get"))));
    }

    public static List<ClusterRoleBinding> clusterRoleBindings() {
        return List.of(
                binding("cluster-admin", group(AuthenticatedUser.MASTERS)),
                binding("system:discovery", group(AuthenticatedUser.AUTHENTICATED)),
                binding("system:basic-user", group(AuthenticatedUser.AUTHENTICATED)),
                binding("system:public-info-viewer", group(AuthenticatedUser.AUTHENTICATED), group(UNAUTHENTICATED)));
    }

    private static ClusterRole role(String name, PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(Map.of("kubernetes.io/bootstrapping", "rbac-defaults"))
                .withAnnotations(Map.of("rbac.authorization.kubernetes.io/autoupdate", "true")).endMetadata().withRules(rules).build();
    }

    private static ClusterRoleBinding binding(String name, Subject... subjects) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(name).withLabels(Map.of("kubernetes.io/bootstrapping", "rbac-defaults"))
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name).withSubjects(subjects).build();
    }

    private static Subject group(String name) {
        return new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName(name).build();
    }

    private static PolicyRule resources(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }

    private static PolicyRule urls(List<String> urls, List<String> verbs) {
        return new PolicyRuleBuilder().withNonResourceURLs(urls).withVerbs(verbs).build();
    }
}
