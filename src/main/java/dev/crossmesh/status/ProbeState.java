package dev.crossmesh.status;

import java.util.Locale;

/** What {@code GET http://<gateway address>:<status port>/healthz/ready} answered, seen from this machine. */
public enum ProbeState {
    /** HTTP 200: the gateway's Envoy is ready. */
    READY,
    /** The gateway answered with something other than 200: it is reachable and not ready. */
    NOT_READY,
    /**
     * No answer from this machine (refused, timed out, unknown host). Often a firewall or a private load balancer
     * between a laptop and the gateway: the gateway may still be up and reachable from the other clusters.
     */
    UNREACHABLE,
    /** Nothing to probe yet: the gateway has no address, or the first probe has not answered. */
    NOT_PROBED;

    /** Lower case, as the CLI and JSON print it ({@code not_ready}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
