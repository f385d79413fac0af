package dev.crossmesh.demo.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;

/** One rule against one request, as Kubernetes documents RBAC rules (and its evaluation_helpers_test.go checks them). */
class PolicyRulesTest {

    static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs, String... names) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).withResourceNames(names).build();
    }

    static RequestAttributes request(String verb, String group, String resource, String subresource, String name) {
        return RequestAttributes.resource(verb, group, "v1", resource, subresource, "ns", name);
    }

    @Test
    void verbsGroupsAndResourcesMustAllMatch() {
        PolicyRule read = rule(List.of(""), List.of("pods", "secrets"), List.of("get", "list", "watch"));
        assertTrue(PolicyRules.allows(read, request("get", "", "pods", "", "p")));
        assertTrue(PolicyRules.allows(read, request("watch", "", "secrets", "", "")));
        assertFalse(PolicyRules.allows(read, request("create", "", "secrets", "", "")), "verb");
        assertFalse(PolicyRules.allows(read, request("get", "apps", "pods", "", "")), "the core group is \"\", not any group");
        assertFalse(PolicyRules.allows(read, request("get", "", "services", "", "")), "resource");
        assertFalse(PolicyRules.allows(rule(List.of("apps"), List.of("deployments"), List.of("get")), request("get", "extensions", "deployments", "", "")));
    }

    @Test
    void subresourcesAreTheirOwnResources() {
        PolicyRule pods = rule(List.of(""), List.of("pods"), List.of("get"));
        assertFalse(PolicyRules.allows(pods, request("get", "", "pods", "log", "p")), "pods does not cover pods/log");
        assertTrue(PolicyRules.allows(rule(List.of(""), List.of("pods/log"), List.of("get")), request("get", "", "pods", "log", "p")));
        assertFalse(PolicyRules.allows(rule(List.of(""), List.of("pods/log"), List.of("get")), request("get", "", "pods", "", "p")));
        assertTrue(PolicyRules.allows(rule(List.of(""), List.of("*/status"), List.of("update")), request("update", "", "services", "status", "s")));
        assertFalse(PolicyRules.allows(rule(List.of(""), List.of("*/status"), List.of("update")), request("update", "", "services", "", "s")));
        assertFalse(PolicyRules.allows(rule(List.of(""), List.of("*/status"), List.of("update")), request("update", "", "pods", "log", "s")));
    }

    @Test
    void aStarMatchesEverythingOfItsKind() {
        PolicyRule all = rule(List.of("*"), List.of("*"), List.of("*"));
        assertTrue(PolicyRules.allows(all, request("deletecollection", "networking.istio.io", "gateways", "", "")));
        assertTrue(PolicyRules.allows(all, request("create", "", "pods", "exec", "p")), "* covers subresources");
        assertTrue(PolicyRules.allows(rule(List.of("networking.istio.io"), List.of("*"), List.of("get")),
                request("get", "networking.istio.io", "virtualservices", "", "v")));
        assertFalse(PolicyRules.allows(all, RequestAttributes.nonResource("get", "/healthz")), "resource rules never cover URLs");
    }

    @Test
    void resourceNamesLimitARuleToNamedRequests() {
        PolicyRule one = rule(List.of(""), List.of("configmaps"), List.of("get", "update", "list"), "istio");
        assertTrue(PolicyRules.allows(one, request("get", "", "configmaps", "", "istio")));
        assertFalse(PolicyRules.allows(one, request("get", "", "configmaps", "", "other")));
        assertFalse(PolicyRules.allows(one, request("list", "", "configmaps", "", "")), "a list names nothing");
        assertTrue(PolicyRules.allows(one, request("list", "", "configmaps", "", "istio")), "a list by metadata.name field selector does");
    }

    @Test
    void nonResourceUrlsMatchExactlyOrByTrailingStar() {
        PolicyRule discovery = new PolicyRuleBuilder().withNonResourceURLs("/api", "/api/*", "/version").withVerbs("get").build();
        assertTrue(PolicyRules.allows(discovery, RequestAttributes.nonResource("get", "/api")));
        assertTrue(PolicyRules.allows(discovery, RequestAttributes.nonResource("get", "/api/v1")));
        assertTrue(PolicyRules.allows(discovery, RequestAttributes.nonResource("get", "/version")));
        assertFalse(PolicyRules.allows(discovery, RequestAttributes.nonResource("get", "/version/x")));
        assertFalse(PolicyRules.allows(discovery, RequestAttributes.nonResource("get", "/apis")));
        assertFalse(PolicyRules.allows(discovery, RequestAttributes.nonResource("post", "/api")), "verb");
        assertFalse(PolicyRules.allows(discovery, RequestAttributes.resource("get", "", "v1", "pods", "", "", "")), "URL rules never cover resources");
        assertTrue(PolicyRules.allows(new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build(),
                RequestAttributes.nonResource("delete", "/logs/x")));
    }
}
