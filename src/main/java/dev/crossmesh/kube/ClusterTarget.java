package dev.crossmesh.kube;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/** A plan cluster with its kubeconfig context and the means to read and write it. */
record ClusterTarget(ClusterSpec spec, KubeContext context, ObjectSync sync) {
    String name() {
        return spec.name();
    }

    ClusterObjects api() {
        return sync.api();
    }

    String server() {
        return context.server();
    }

    /** The API server other clusters' istiod use to read this one: the plan's apiServer, else the context's server. */
    String serverForRemoteSecret() {
        return spec.apiServer().isEmpty() ? context.server() : spec.apiServer();
    }

    /** The plan's clusters resolved against the kubeconfig; {@code errors} names the clusters whose context is unusable. */
    record Resolved(Map<String, ClusterTarget> targets, Map<String, String> errors) {
    }

    static Resolved resolve(ClusterClients clients, MeshPlan plan) {
        Map<String, ClusterTarget> targets = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (ClusterSpec spec : plan.clusters()) {
            try {
                KubeContext context = clients.kubeconfigs().context(spec.context());
                // apply and diff read each kind with one LIST: one request for all remote secrets, not one per peer
                ClusterObjects api = new ClusterObjects(clients.client(spec.context()), true);
                targets.put(spec.name(), new ClusterTarget(spec, context, new ObjectSync(spec.name(), api, plan.meshId())));
            } catch (KubeconfigException e) {
                errors.put(spec.name(), "cluster " + spec.name() + ": " + e.getMessage());
            }
        }
        return new Resolved(targets, errors);
    }
}
