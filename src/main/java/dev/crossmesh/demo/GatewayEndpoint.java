package dev.crossmesh.demo;

/**
 * Where a demo cluster's east-west gateway can be reached from this machine: the address its Service gets as
 * load-balancer ingress, and the port its status endpoint ({@code /healthz/ready}) answers on.
 *
 * @param statusPort {@link #STANDARD_STATUS_PORT} on a loopback address of its own; another port when the demo had to
 *                   fall back to 127.0.0.1, in which case the Service carries it in {@link #STATUS_PORT_ANNOTATION}
 */
public record GatewayEndpoint(String address, int statusPort) {
    /** The port Istio's gateways serve {@code /healthz/ready} on. */
    public static final int STANDARD_STATUS_PORT = 15021;
    /**
     * Set on a demo gateway Service whose status endpoint is not on port 15021 of its load-balancer address.
     * A status probe should read it before falling back to 15021.
     */
    public static final String STATUS_PORT_ANNOTATION = "crossmesh.dev/status-port";

    public boolean standardPort() {
        return statusPort == STANDARD_STATUS_PORT;
    }

    /** {@code http://127.0.0.2:15021/healthz/ready} */
    public String readinessUrl() {
        return "http://" + address + ":" + statusPort + "/healthz/ready";
    }

    @Override
    public String toString() {
        return address + (standardPort() ? "" : " status-port=" + statusPort);
    }
}
