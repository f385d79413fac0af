package dev.crossmesh.ui.apply;

/**
 * A cluster's east-west gateway in the Apply step: its address once the load balancer gave one, else why not yet.
 *
 * @param address the address (ip or host name), or "" while there is none
 * @param note    when there is no address: "pending: …" with the reason; else ""
 */
public record GatewayRow(String cluster, String address, String note) {
    public boolean hasAddress() {
        return !address.isEmpty();
    }

    /** {@code 127.0.0.2}, or {@code pending: …}. */
    public String text() {
        return hasAddress() ? address : note;
    }
}
