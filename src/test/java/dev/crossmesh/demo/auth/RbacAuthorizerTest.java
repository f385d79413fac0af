package dev.crossmesh.demo.auth;

import static dev.crossmesh.demo.auth.PolicyRulesTest.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;

/** Bindings, subjects and roles as Kubernetes' RBAC authorizer reads them (https://kubernetes.io/docs/reference/access-authn-authz/rbac/). */
class RbacAuthorizerTest {
    static final AuthenticatedUser READER = AuthenticatedUser.serviceAccount("istio-system", "istio-reader-service-account", "u1");
    static final AuthenticatedUser OTHER = AuthenticatedUser.serviceAccount("istio-system", "istiod", "u2");
    static final AuthenticatedUser ELSEWHERE = AuthenticatedUser.serviceAccount("apps", "web", "u3");

    static ClusterRole clusterRole(String name, PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata().withRules(rules).build();
    }

    static ClusterRoleBinding clusterBinding(String name, String role, Subject... subjects) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role).withSubjects(subjects).build();
    }

    static RoleBinding binding(String namespace, String name, String kind, String role, Subject... subjects) {
        return new RoleBindingBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", kind, role).withSubjects(subjects).build();
    }

    static Subject serviceAccount(String namespace, String name) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(name).withNamespace(namespace).build();
    }

    static Subject subject(String kind, String name) {
        return new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io").withKind(kind).withName(name).build();
    }

    static RequestAttributes in(String namespace, String verb, String resource) {
        return RequestAttributes.resource(verb, "", "v1", resource, "", namespace, "");
    }

    static RbacObjects rbac(List<ClusterRole> roles, List<ClusterRoleBinding> bindings) {
        return new RbacObjects(roles, bindings, List.of(), List.of());
    }

    @Test
    void aClusterRoleBindingGrantsItsRolesRulesToItsServiceAccountOnly() {
        RbacObjects rbac = rbac(List.of(clusterRole("istio-reader", rule(List.of(""), List.of("secrets", "pods"), List.of("get", "list", "watch")))),
                List.of(clusterBinding("istio-reader", "istio-reader", serviceAccount("istio-system", "istio-reader-service-account"))));
        RbacAuthorizer.Decision read = RbacAuthorizer.authorize(READER, in("istio-system", "list", "secrets"), rbac);
        assertTrue(read.allowed());
        assertEquals("RBAC: allowed by ClusterRoleBinding \"istio-reader\" of ClusterRole \"istio-reader\" to ServiceAccount "
                + "\"istio-reader-service-account/istio-system\"", read.reason());
        assertTrue(RbacAuthorizer.authorize(READER, in("", "list", "pods"), rbac).allowed(), "cluster-wide, every namespace and none");
        assertEquals(new RbacAuthorizer.Decision(false, ""), RbacAuthorizer.authorize(READER, in("istio-system", "create", "secrets"), rbac));
        assertFalse(RbacAuthorizer.authorize(OTHER, in("istio-system", "list", "secrets"), rbac).allowed(), "another account of the namespace");
    }

    @Test
    void groupsAndUsersAsSubjects() {
        PolicyRule listPods = rule(List.of(""), List.of("pods"), List.of("list"));
        RbacObjects rbac = rbac(List.of(clusterRole("r", listPods)), List.of(clusterBinding("b", "r", subject("Group", "system:serviceaccounts:istio-system"))));
        assertTrue(RbacAuthorizer.authorize(READER, in("x", "list", "pods"), rbac).allowed());
        assertTrue(RbacAuthorizer.authorize(OTHER, in("x", "list", "pods"), rbac).allowed());
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, in("x", "list", "pods"), rbac).allowed());
        for (String group : List.of("system:serviceaccounts", "system:authenticated")) {
            RbacObjects everyone = rbac(List.of(clusterRole("r", listPods)), List.of(clusterBinding("b", "r", subject("Group", group))));
            assertTrue(RbacAuthorizer.authorize(ELSEWHERE, in("x", "list", "pods"), everyone).allowed(), group);
        }
        RbacObjects byName = rbac(List.of(clusterRole("r", listPods)),
                List.of(clusterBinding("b", "r", subject("User", "system:serviceaccount:apps:web"))));
        assertTrue(RbacAuthorizer.authorize(ELSEWHERE, in("x", "list", "pods"), byName).allowed(), "a service account is also a user by name");
        assertFalse(RbacAuthorizer.authorize(READER, in("x", "list", "pods"), byName).allowed());
        RbacObjects noNamespace = rbac(List.of(clusterRole("r", listPods)), List.of(clusterBinding("b", "r", serviceAccount(null, "web"))));
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, in("apps", "list", "pods"), noNamespace).allowed(),
                "a ClusterRoleBinding's service account without a namespace is nobody");
    }

    @Test
    void aRoleBindingGrantsInItsNamespaceOnly() {
        Role role = new RoleBuilder().withNewMetadata().withName("cm-writer").withNamespace("apps").endMetadata()
                .withRules(rule(List.of(""), List.of("configmaps"), List.of("create", "update"))).build();
        RbacObjects rbac = new RbacObjects(List.of(clusterRole("view", rule(List.of(""), List.of("pods"), List.of("get", "list")))), List.of(),
                List.of(role), List.of(binding("apps", "web-view", "ClusterRole", "view", serviceAccount("", "web")),
                        binding("apps", "web-cm", "Role", "cm-writer", serviceAccount("apps", "web"))));
        RbacAuthorizer.Decision view = RbacAuthorizer.authorize(ELSEWHERE, in("apps", "list", "pods"), rbac);
        assertTrue(view.allowed(), "a RoleBinding's service account without a namespace is of the binding's namespace");
        assertEquals("RBAC: allowed by RoleBinding \"web-view/apps\" of ClusterRole \"view\" to ServiceAccount \"web/apps\"", view.reason());
        assertTrue(RbacAuthorizer.authorize(ELSEWHERE, in("apps", "create", "configmaps"), rbac).allowed());
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, in("other", "list", "pods"), rbac).allowed(), "other namespaces");
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, in("", "list", "pods"), rbac).allowed(), "cluster scope");
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, in("apps", "delete", "configmaps"), rbac).allowed());
    }

    @Test
    void aMissingRoleIsTheDenialsReason() {
        RbacObjects rbac = new RbacObjects(List.of(), List.of(clusterBinding("b", "gone", serviceAccount("istio-system", "istio-reader-service-account"))),
                List.of(), List.of(binding("istio-system", "rb", "Role", "nope", serviceAccount("istio-system", "istio-reader-service-account"))));
        RbacAuthorizer.Decision one = RbacAuthorizer.authorize(READER, in("", "get", "pods"), rbac);
        assertEquals(new RbacAuthorizer.Decision(false, "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"), one);
        RbacAuthorizer.Decision two = RbacAuthorizer.authorize(READER, in("istio-system", "get", "pods"), rbac);
        assertEquals("RBAC: [clusterrole.rbac.authorization.k8s.io \"gone\" not found, role.rbac.authorization.k8s.io \"nope\" not found]",
                two.reason());
        RbacAuthorizer.Rules rules = RbacAuthorizer.rulesFor(READER, "istio-system", rbac);
        assertTrue(rules.rules().isEmpty());
        assertEquals(2, rules.errors().size());
    }

    @Test
    void anAggregatedClusterRoleHasTheRulesOfTheRolesItSelects() {
        PolicyRule pods = rule(List.of(""), List.of("pods"), List.of("get"));
        PolicyRule gateways = rule(List.of("networking.istio.io"), List.of("gateways"), List.of("list"));
        ClusterRole monitoring = new ClusterRoleBuilder().withNewMetadata().withName("monitoring").endMetadata()
                .withNewAggregationRule().addNewClusterRoleSelector().withMatchLabels(Map.of("rbac.example.com/aggregate-to-monitoring", "true"))
                .endClusterRoleSelector().endAggregationRule()
                .withRules(rule(List.of(""), List.of("secrets"), List.of("get"))) // what the controller would overwrite
                .build();
        ClusterRole a = new ClusterRoleBuilder().withNewMetadata().withName("a").addToLabels("rbac.example.com/aggregate-to-monitoring", "true")
                .endMetadata().withRules(pods).build();
        ClusterRole b = new ClusterRoleBuilder().withNewMetadata().withName("b").addToLabels("rbac.example.com/aggregate-to-monitoring", "true")
                .endMetadata().withRules(gateways, pods).build();
        ClusterRole unlabelled = clusterRole("c", rule(List.of(""), List.of("services"), List.of("get")));
        RbacObjects rbac = rbac(List.of(monitoring, a, b, unlabelled),
                List.of(clusterBinding("m", "monitoring", serviceAccount("istio-system", "istio-reader-service-account"))));
        assertTrue(RbacAuthorizer.authorize(READER, in("x", "get", "pods"), rbac).allowed());
        assertTrue(RbacAuthorizer.authorize(READER, RequestAttributes.resource("list", "networking.istio.io", "v1", "gateways", "", "x", ""), rbac).allowed());
        assertFalse(RbacAuthorizer.authorize(READER, in("x", "get", "services"), rbac).allowed(), "not selected");
        assertFalse(RbacAuthorizer.authorize(READER, in("x", "get", "secrets"), rbac).allowed(), "an aggregated role's own rules are replaced");
        assertEquals(List.of(pods, gateways), RbacAuthorizer.rulesFor(READER, "x", rbac).rules(), "each rule once, roles by name");
    }

    @Test
    void mastersMayDoAnythingWithoutABinding() {
        RbacObjects none = rbac(List.of(), List.of());
        assertTrue(RbacAuthorizer.authorize(Authenticator.ADMIN, in("kube-system", "delete", "secrets"), none).allowed());
        assertTrue(RbacAuthorizer.authorize(Authenticator.ADMIN, RequestAttributes.nonResource("get", "/metrics"), none).allowed());
        assertFalse(RbacAuthorizer.authorize(READER, RequestAttributes.nonResource("get", "/metrics"), none).allowed());
    }

    @Test
    void theBootstrapPolicyLetsEveryTokenDiscoverAndReviewItself() {
        RbacObjects defaults = rbac(BootstrapPolicy.clusterRoles(), BootstrapPolicy.clusterRoleBindings());
        for (String path : List.of("/api", "/api/v1", "/apis", "/apis/apps/v1", "/version", "/openapi/v3", "/healthz")) {
            assertTrue(RbacAuthorizer.authorize(ELSEWHERE, RequestAttributes.nonResource("get", path), defaults).allowed(), path);
        }
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, RequestAttributes.nonResource("get", "/metrics"), defaults).allowed());
        assertTrue(RbacAuthorizer.authorize(ELSEWHERE,
                RequestAttributes.resource("create", "authorization.k8s.io", "v1", "selfsubjectrulesreviews", "", "", ""), defaults).allowed());
        assertFalse(RbacAuthorizer.authorize(ELSEWHERE, in("apps", "get", "pods"), defaults).allowed());
        assertTrue(RbacAuthorizer.rulesFor(Authenticator.ADMIN, "default", defaults).rules().stream()
                .anyMatch(r -> r.getResources().contains("*") && r.getVerbs().contains("*")), "system:masters is bound to cluster-admin");
    }
}
