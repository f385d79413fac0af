package dev.crossmesh.demo.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * Kubernetes' authorizer chain for a demo cluster: {@code system:masters} may do everything, everyone else what the
 * cluster's RBAC objects grant, as {@code plugin/pkg/auth/authorizer/rbac} and its rule resolver decide: every
 * ClusterRoleBinding whose subjects name the user, then every RoleBinding of the request's namespace; a binding's
 * missing role is an error that the denial's reason names. An aggregated ClusterRole has the rules of the ClusterRoles
 * its selectors match, as the aggregation controller would have written them.
 */
public final class RbacAuthorizer {
    /** An answer; {@code reason} is what kube-apiserver puts after the denial message or in a review's status. */
    public record Decision(boolean allowed, String reason) {
    }

    /** The rules a user has in a namespace, and the bindings whose roles could not be read. */
    public record Rules(List<PolicyRule> rules, List<String> errors) {
        public Rules {
            rules = List.copyOf(rules);
            errors = List.copyOf(errors);
        }
    }

    /** A rule and the binding it came through, for "allowed by ..." reasons. */
    private record Granted(PolicyRule rule, String source) {
    }

    private RbacAuthorizer() {
    }

    public static Decision authorize(AuthenticatedUser user, RequestAttributes request, RbacObjects rbac) {
        if (user.inGroup(AuthenticatedUser.MASTERS)) {
            return new Decision(true, "");
        }
        List<String> errors = new ArrayList<>();
        for (Granted g : granted(user, request.namespace(), rbac, errors)) {
            if (PolicyRules.allows(g.rule(), request)) {
                return new Decision(true, "RBAC: allowed by " + g.source());
            }
        }
        return new Decision(false, errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
    }

    /** Everything the user's bindings grant in the namespace (cluster-wide ones included), for SelfSubjectRulesReview. */
    public static Rules rulesFor(AuthenticatedUser user, String namespace, RbacObjects rbac) {
        List<String> errors = new ArrayList<>();
        List<PolicyRule> rules = granted(user, namespace, rbac, errors).stream().map(Granted::rule).toList();
        return new Rules(rules, errors);
    }

    private static List<Granted> granted(AuthenticatedUser user, String namespace, RbacObjects rbac, List<String> errors) {
        List<Granted> result = new ArrayList<>();
        for (ClusterRoleBinding binding : rbac.clusterRoleBindings()) {
            Optional<Subject> subject = subjects(binding.getSubjects()).stream().filter(s -> appliesTo(user, s, "")).findFirst();
            if (subject.isEmpty()) {
                continue;
            }
            RoleRef ref = binding.getRoleRef();
            Optional<List<PolicyRule>> rules = roleRules(ref, "", rbac, errors);
            String source = "ClusterRoleBinding \"" + name(binding.getMetadata()) + "\" of " + kind(ref) + " \"" + refName(ref) + "\" to "
                    + describe(subject.get(), "");
            rules.ifPresent(list -> list.forEach(r -> result.add(new Granted(r, source))));
        }
        if (!namespace.isEmpty()) {
            for (RoleBinding binding : rbac.roleBindings(namespace)) {
                Optional<Subject> subject = subjects(binding.getSubjects()).stream().filter(s -> appliesTo(user, s, namespace)).findFirst();
                if (subject.isEmpty()) {
                    continue;
                }
                RoleRef ref = binding.getRoleRef();
                Optional<List<PolicyRule>> rules = roleRules(ref, namespace, rbac, errors);
                String source = "RoleBinding \"" + name(binding.getMetadata()) + "/" + namespace + "\" of " + kind(ref) + " \"" + refName(ref)
                        + "\" to " + describe(subject.get(), namespace);
                rules.ifPresent(list -> list.forEach(r -> result.add(new Granted(r, source))));
            }
        }
        return result;
    }

    private static Optional<List<PolicyRule>> roleRules(RoleRef ref, String bindingNamespace, RbacObjects rbac, List<String> errors) {
        String kind = kind(ref);
        String name = refName(ref);
        if (kind.equals("Role")) {
            var role = rbac.role(bindingNamespace, name);
            if (role.isEmpty()) {
                errors.add("role.rbac.authorization.k8s.io \"" + name + "\" not found");
                return Optional.empty();
            }
            return Optional.of(rules(role.get().getRules()));
        }
        if (kind.equals("ClusterRole")) {
            var role = rbac.clusterRole(name);
            if (role.isEmpty()) {
                errors.add("clusterrole.rbac.authorization.k8s.io \"" + name + "\" not found");
                return Optional.empty();
            }
            return Optional.of(clusterRoleRules(role.get(), rbac, new HashSet<>()));
        }
        errors.add("unsupported role reference kind: \"" + kind + "\"");
        return Optional.empty();
    }

    /** A ClusterRole's rules; for an aggregated one, those of the roles it selects (sorted by name, each rule once). */
    static List<PolicyRule> clusterRoleRules(ClusterRole role, RbacObjects rbac, Set<String> visiting) {
        if (role.getAggregationRule() == null) {
            return rules(role.getRules());
        }
        String self = name(role.getMetadata());
        if (!visiting.add(self)) {
            return rules(role.getRules()); // a cycle: what the controller last wrote is all there is
        }
        Set<PolicyRule> union = new LinkedHashSet<>();
        List<ClusterRole> sorted = rbac.clusterRoles().stream().sorted(Comparator.comparing(r -> name(r.getMetadata()))).toList();
        for (LabelSelector selector : listOf(role.getAggregationRule().getClusterRoleSelectors())) {
            for (ClusterRole other : sorted) {
                if (!name(other.getMetadata()).equals(self) && selects(selector, labels(other))) {
                    union.addAll(clusterRoleRules(other, rbac, visiting));
                }
            }
        }
        visiting.remove(self);
        return List.copyOf(union);
    }

    /** Whether a binding's subject is the user, one of its groups, or its service account. */
    static boolean appliesTo(AuthenticatedUser user, Subject subject, String bindingNamespace) {
        String name = subject.getName() == null ? "" : subject.getName();
        return switch (subject.getKind() == null ? "" : subject.getKind()) {
            case "User" -> user.name().equals(name);
            case "Group" -> user.inGroup(name);
            case "ServiceAccount" -> {
                String namespace = subject.getNamespace() == null || subject.getNamespace().isEmpty() ? bindingNamespace : subject.getNamespace();
                yield !namespace.isEmpty() && user.name().equals(AuthenticatedUser.serviceAccountName(namespace, name));
            }
            default -> false;
        };
    }

    private static String describe(Subject s, String bindingNamespace) {
        if ("ServiceAccount".equals(s.getKind())) {
            String namespace = s.getNamespace() == null || s.getNamespace().isEmpty() ? bindingNamespace : s.getNamespace();
            return "ServiceAccount \"" + s.getName() + "/" + namespace + "\"";
        }
        return s.getKind() + " \"" + s.getName() + "\"";
    }

    /** Label-selector semantics: an empty selector selects every role; unknown operators select none. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : listOf(selector.getMatchExpressions())) {
            String value = labels.get(r.getKey());
            List<String> values = listOf(r.getValues());
            boolean ok = switch (r.getOperator() == null ? "" : r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** As Go's aggregated errors read: one message alone, several (each once) in brackets. */
    private static String aggregate(List<String> errors) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(errors));
        return distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    }

    private static Map<String, String> labels(ClusterRole role) {
        return role.getMetadata() == null || role.getMetadata().getLabels() == null ? Map.of() : role.getMetadata().getLabels();
    }

    private static List<PolicyRule> rules(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules;
    }

    private static List<Subject> subjects(List<Subject> subjects) {
        return subjects == null ? List.of() : subjects;
    }

    private static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static String kind(RoleRef ref) {
        return ref == null || ref.getKind() == null ? "" : ref.getKind();
    }

    private static String refName(RoleRef ref) {
        return ref == null || ref.getName() == null ? "" : ref.getName();
    }

    private static String name(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        return meta == null || meta.getName() == null ? "" : meta.getName();
    }
}
