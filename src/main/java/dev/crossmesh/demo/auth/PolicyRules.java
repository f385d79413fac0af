package dev.crossmesh.demo.auth;

import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;

/**
 * Whether one RBAC rule allows a request, exactly as Kubernetes' {@code RuleAllows} decides it
 * ({@code pkg/apis/rbac/v1/evaluation_helpers.go}): {@code *} matches any verb, group, resource (subresources too) or
 * URL; {@code pods} does not match {@code pods/log}, but {@code * /log} (without the space) does; resourceNames limit a
 * rule to requests naming one of them; a URL ending in {@code *} matches by prefix.
 */
public final class PolicyRules {
    private static final String ALL = "*";

    private PolicyRules() {
    }

    public static boolean allows(PolicyRule rule, RequestAttributes request) {
        if (request.resourceRequest()) {
            return verbMatches(rule, request.verb()) && groupMatches(rule, request.apiGroup())
                    && resourceMatches(rule, request.combinedResource(), request.subresource())
                    && nameMatches(rule, request.name());
        }
        return verbMatches(rule, request.verb()) && urlMatches(rule, request.path());
    }

    static boolean verbMatches(PolicyRule rule, String verb) {
        return list(rule.getVerbs()).stream().anyMatch(v -> v.equals(ALL) || v.equals(verb));
    }

    static boolean groupMatches(PolicyRule rule, String group) {
        return list(rule.getApiGroups()).stream().anyMatch(g -> g.equals(ALL) || g.equals(group));
    }

    static boolean resourceMatches(PolicyRule rule, String combinedResource, String subresource) {
        for (String r : list(rule.getResources())) {
            if (r.equals(ALL) || r.equals(combinedResource)) {
                return true;
            }
            if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    /** No resourceNames allows every name; otherwise the request must name one of them (a list names none). */
    static boolean nameMatches(PolicyRule rule, String name) {
        List<String> names = list(rule.getResourceNames());
        return names.isEmpty() || names.contains(name);
    }

    static boolean urlMatches(PolicyRule rule, String path) {
        for (String url : list(rule.getNonResourceURLs())) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith(ALL) && path.startsWith(url.replaceAll("\\*+$", ""))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }
}
