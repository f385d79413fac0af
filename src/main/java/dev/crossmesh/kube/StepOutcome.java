package dev.crossmesh.kube;

/**
 * How one step of one cluster ended.
 *
 * @param step    the object or step, as in {@link ApplyEvent#step()}
 * @param message what happened, or why it did not (never a secret value)
 * @param detail  the typed part of the step's last event (for an object: created, updated, unchanged ...)
 */
public record StepOutcome(String step, Status status, String message, ApplyEvent.Detail detail) {
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

    public StepOutcome {
        detail = detail == null ? ApplyEvent.NONE : detail;
    }

    public StepOutcome(String step, Status status, String message) {
        this(step, status, message, ApplyEvent.NONE);
    }

    /** An object that was (in a dry run: would be) created, as opposed to updated. */
    public boolean created() {
        return detail instanceof ApplyEvent.ObjectResult r && r.change() == ChangeKind.CREATE;
    }

    public boolean isProblem() {
        return status == Status.REFUSED || status == Status.FAILED || status == Status.NOT_ATTEMPTED;
    }
}
