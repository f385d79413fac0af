package dev.crossmesh.cli;

/** Exit codes every command keeps: scripts rely on them. */
public final class ExitCodes {
    /** Done; no error findings. */
    public static final int OK = 0;
    /** Ran, and found errors (invalid plan, failed apply, unhealthy mesh). */
    public static final int FINDINGS = 1;
    /** Could not run: bad arguments, unreadable file, bad YAML, unreachable kubeconfig. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
