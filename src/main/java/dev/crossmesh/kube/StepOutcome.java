package dev.crossmesh.kube;

/**
 * How one step of one cluster ended.
 *
 * @param step    the object or step, as in {@link ApplyEvent#step()}
 * @param message what happened, or why it did not (never a secret value)
 */
public record StepOutcome(String step, Status status, String message) {
    public enum Status {
        /** Created, updated, or run (in a dry run: would be). */
        APPLIED,
        /** Already as desired. */
        UNCHANGED,
        /** Left out on purpose or left to the user (control plane manual/skip, gateway address pending). */
        SKIPPED,
        /** Exists without crossmesh's labels; not overwritten without --force. */
        REFUSED,
        /** Tried and failed; the message says why and what to do. */
        FAILED,
        /** Not tried: an earlier step failed, the run was cancelled, or a cluster it depends on failed. */
        NOT_ATTEMPTED
    }

    public boolean isProblem() {
        return status == Status.REFUSED || status == Status.FAILED || status == Status.NOT_ATTEMPTED;
    }
}
