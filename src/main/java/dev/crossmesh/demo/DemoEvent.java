package dev.crossmesh.demo;

/**
 * Something a demo cluster did that a person watching would want to see: a pod turned ready, a load balancer
 * assigned an address, a fault took effect. The CLI prints them; tests wait for them.
 */
public record DemoEvent(String cluster, Kind kind, String message) {
    public enum Kind {
        PODS_READY, PODS_REMOVED, LOAD_BALANCER_ASSIGNED, LOAD_BALANCER_WITHHELD, ISTIOD_READY, ISTIOD_REMOVED,
        ROOT_CERT_PUBLISHED, API_SERVER_STOPPED, API_SERVER_STARTED
    }

    @Override
    public String toString() {
        return cluster + ": " + message;
    }
}
