package dev.crossmesh.demo.traffic;

import io.fabric8.kubernetes.client.KubernetesClient;

/** One demo cluster as the traffic simulation sees it: where its API server is, whether it answers, and a client with its own rights. */
public interface TrafficCluster {
    String name();

    /** The API server URL as the demo kubeconfig (and so every remote secret) names it. */
    String url();

    boolean isRunning();

    /** A client that the demo's request counts leave out. */
    KubernetesClient adminClient();
}
