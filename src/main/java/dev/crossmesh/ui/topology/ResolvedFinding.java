package dev.crossmesh.ui.topology;

import java.time.Instant;

/**
 * A finding that went away: kept as history so that a problem that came and went (a flapping gateway, an API server
 * that restarted) is still visible with when it started and when it was resolved.
 */
public record ResolvedFinding(FindingRow finding, Instant resolvedAt) {
}
