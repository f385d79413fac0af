package dev.crossmesh.demo;

/** How demo gateways get addresses a probe on this machine can reach. */
public enum GatewayAddressing {
    /**
     * One loopback address per gateway, 127.0.0.2 upwards, each serving port 15021 as a real gateway does; an
     * address already taken (another demo) is skipped. Where the OS does not route 127.0.0.2+ (macOS without
     * loopback aliases), falls back to {@link #LOCALHOST_PORTS}.
     */
    LOOPBACK_RANGE,
    /** Every gateway on 127.0.0.1, each with a free port of its own, named in the Service's status-port annotation. */
    LOCALHOST_PORTS
}
