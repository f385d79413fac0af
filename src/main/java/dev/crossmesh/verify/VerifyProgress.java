package dev.crossmesh.verify;

/**
 * What the check is doing, for a progress line or bar.
 *
 * @param cluster the cluster concerned, or "" for the mesh
 * @param done    steps done of {@code total} in this phase (requests sent, clusters ready); 0 of 0 when not counted
 */
public record VerifyProgress(Phase phase, String cluster, String message, int done, int total) {
    public enum Phase {
        DEPLOY, WAIT, REQUESTS, LIVE_STATE, CLEANUP, DONE
    }
}
