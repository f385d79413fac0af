package dev.crossmesh.ui.shell;

/** How the header shows a step. */
public enum StepState {
    /** The step on screen. */
    CURRENT,
    /** Completed (the user went on from it while it was valid) and still valid. */
    DONE,
    /** Completed, but something changed that makes it invalid now (e.g. its fields after a plan was opened). */
    ATTENTION,
    /** Not completed yet, and every step before it is valid: a click goes there. */
    OPEN,
    /** A step before it is not valid yet. */
    LOCKED
}
