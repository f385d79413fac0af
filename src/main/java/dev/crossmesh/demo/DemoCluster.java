package dev.crossmesh.demo;

import java.util.List;

/**
 * One demo cluster as a person or a script sees it.
 *
 * @param index     1 for demo-cluster-1
 * @param apiServer the API server URL in the kubeconfig
 * @param gateway   where its east-west gateway will be reachable, or null without simulation
 * @param faults    the faults it was started with, described ("no load balancer", "offline at 30 s, back at 45 s")
 */
public record DemoCluster(String name, int index, String apiServer, String region, List<String> zones, GatewayEndpoint gateway,
        List<String> faults) {
    public DemoCluster {
        zones = List.copyOf(zones);
        faults = List.copyOf(faults);
    }
}
