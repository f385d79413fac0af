package dev.crossmesh.verify;

/**
 * What one command run in a pod through the Kubernetes exec API gave.
 *
 * @param exitCode the command's exit code, or -1 when it did not run
 * @param failure  why the command did not run (the API server's or kubelet's message, a timeout), or "" when it ran
 */
public record ExecOutput(String stdout, String stderr, int exitCode, String failure) {
    public ExecOutput {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        failure = failure == null ? "" : failure;
    }

    public static ExecOutput notRun(String failure) {
        return new ExecOutput("", "", -1, failure);
    }

    public boolean ran() {
        return failure.isEmpty();
    }
}
