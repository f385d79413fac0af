package dev.crossmesh.ui.apply;

import dev.crossmesh.ui.apply.ApplyService.Update.Status;

/**
 * One line of the Apply step's log: the latest state of one step of one cluster (a step's "started" line turns
 * into its "done" line in place), or a note.
 *
 * @param step the object or step, or "" for the cluster as a whole
 */
public record ApplyLogEntry(String cluster, String step, Status status, String message) {

    /** {@code done}, {@code unchanged}, {@code waiting}…: what the status icon says, in words. */
    public String statusLabel() {
        return status.name().toLowerCase(java.util.Locale.ROOT);
    }
}
