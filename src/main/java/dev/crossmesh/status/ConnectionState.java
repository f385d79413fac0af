package dev.crossmesh.status;

import java.util.Locale;

/** How crossmesh's watches on a cluster's API server stand, read from the informers' lifecycle. */
public enum ConnectionState {
    /** Watches started, the first full list has not arrived yet. */
    CONNECTING,
    /** Every watch has listed and is watching: what the status shows is current. */
    SYNCED,
    /** Was synced, lost a watch connection and is retrying; the status shows the last known state. */
    RECONNECTING,
    /** Cannot reach or use the cluster (unknown context, refused connection, rejected credentials, or disconnected too long). */
    OFFLINE;

    /** Lower case, as the CLI and JSON print it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
