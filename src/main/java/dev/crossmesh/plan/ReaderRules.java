package dev.crossmesh.plan;

import java.util.List;

import dev.crossmesh.plan.ReleaseFacts.ReaderRbac;
import dev.crossmesh.plan.ReleaseFacts.Rule;

/**
 * The remote-secret reader's ClusterRole per release, as the charts render it for a default install (data for
 * {@link IstioReleases}). PLACEHOLDER: being checked rule by rule against the templates at each tag.
 */
final class ReaderRules {
    private static final List<String> READ = List.of("get", "list", "watch");

    private ReaderRules() {
    }

    private static Rule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new Rule(groups, resources, verbs);
    }

    /** manifests/charts/base/templates/clusterrole.yaml@1.8.6 ({@code istio-reader-istio-system}). */
    static final ReaderRbac V1_8 = new ReaderRbac("istio-reader-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"),
                    List.of("*"), READ),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), READ),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), READ),
            rule(List.of("apps"), List.of("replicasets"), READ),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    static final ReaderRbac V1_12 = V1_8;
    static final ReaderRbac V1_19 = V1_8;
}
