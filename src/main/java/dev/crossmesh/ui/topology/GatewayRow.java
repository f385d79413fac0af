package dev.crossmesh.ui.topology;

import java.time.Instant;

/**
 * One line of the gateway status table.
 *
 * @param address    the gateway's address, or why it has none
 * @param probe      the readiness probe's outcome ({@code ready}, {@code not_ready}, ...)
 * @param probeDetail what the probe saw ("HTTP 200", "connection refused from this machine")
 * @param pods       "ready/total"
 * @param ports      the Service's ports, 15443 first
 * @param lastChange when the gateway last changed (address, pods, probe outcome, ...), null when not known
 */
public record GatewayRow(String cluster, String network, String serviceType, String address, String probe, String probeDetail, String pods,
        String ports, Instant lastChange, Health health) {
}
