package dev.crossmesh.plan;

import java.util.List;

import dev.crossmesh.plan.ReleaseFacts.ReaderRbac;
import dev.crossmesh.plan.ReleaseFacts.Rule;

/**
 * The remote-secret reader's ClusterRole as the chart at a tag renders it for a default install, and the rules the chart
 * adds for a remote cluster ({@code global.externalIstiod} up to 1.23, {@code istiodRemote.enabled} from 1.24): data for
 * {@link IstioReleases}. Read at the newest patch of every minor (and 1.8.0, 1.8.2, 1.11.0) from
 * {@code manifests/charts/base/templates/clusterrole.yaml} (up to 1.10) and
 * {@code manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml} (from 1.11, whose
 * {@code istio-reader-clusterrole[-<rev>]-istio-system} is the one istioctl creates for a missing reader), rendered with
 * the chart's own values.yaml. Sets that recur are one constant.
 */
final class ReaderRules {
    private ReaderRules() {
    }

    private static Rule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new Rule(groups, resources, verbs);
    }

    /** manifests/charts/base/templates/clusterrole.yaml@1.8.0 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_8_0 = new ReaderRbac("istio-reader-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/base/templates/clusterrole.yaml@1.8.2 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_8_2 = new ReaderRbac("istio-reader-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/base/templates/clusterrole.yaml@1.9.9 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_9_9 = new ReaderRbac("istio-reader-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml@1.11.0 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_11_0 = new ReaderRbac("istio-reader-clusterrole{rev}-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml@1.12.9 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_12_9 = new ReaderRbac("istio-reader-clusterrole{rev}-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceexports"), List.of("get", "list", "watch")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceimports"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml@1.13.9 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_13_9 = new ReaderRbac("istio-reader-clusterrole{rev}-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceexports"), List.of("get", "list", "watch", "create", "delete")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceimports"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml@1.19.10 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_19_10 = new ReaderRbac("istio-reader-clusterrole{rev}-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("networking.x-k8s.io", "gateway.networking.k8s.io"), List.of("gateways"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceexports"), List.of("get", "list", "watch", "create", "delete")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceimports"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml@1.22.8 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_22_8 = new ReaderRbac("istio-reader-clusterrole{rev}-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io", "telemetry.istio.io", "extensions.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("networking.x-k8s.io", "gateway.networking.k8s.io"), List.of("gateways"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceexports"), List.of("get", "list", "watch", "create", "delete")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceimports"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));

    /** manifests/charts/istio-control/istio-discovery/templates/reader-clusterrole.yaml@1.26.8 (first of the sampled tags with these rules). */
    static final ReaderRbac V1_26_8 = new ReaderRbac("istio-reader-clusterrole{rev}-istio-system", List.of(
            rule(List.of("config.istio.io", "security.istio.io", "networking.istio.io", "authentication.istio.io", "rbac.istio.io", "telemetry.istio.io", "extensions.istio.io"), List.of("*"), List.of("get", "list", "watch")),
            rule(List.of(""), List.of("endpoints", "pods", "services", "nodes", "replicationcontrollers", "namespaces", "secrets", "configmaps"), List.of("get", "list", "watch")),
            rule(List.of("networking.istio.io"), List.of("workloadentries"), List.of("get", "watch", "list")),
            rule(List.of("networking.x-k8s.io", "gateway.networking.k8s.io"), List.of("gateways"), List.of("get", "watch", "list")),
            rule(List.of("apiextensions.k8s.io"), List.of("customresourcedefinitions"), List.of("get", "list", "watch")),
            rule(List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("get", "list", "watch")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceexports"), List.of("get", "list", "watch", "create", "delete")),
            rule(List.of("multicluster.x-k8s.io"), List.of("serviceimports"), List.of("get", "list", "watch")),
            rule(List.of("apps"), List.of("replicasets"), List.of("get", "list", "watch")),
            rule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
            rule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"))),
            List.of(
                    rule(List.of(""), List.of("configmaps"), List.of("create", "get", "list", "watch", "update")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("mutatingwebhookconfigurations"), List.of("get", "list", "watch", "update", "patch")),
                    rule(List.of("admissionregistration.k8s.io"), List.of("validatingwebhookconfigurations"), List.of("get", "list", "watch", "update"))));
}
