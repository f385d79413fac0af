package dev.crossmesh.plan;

/** The plan file cannot be read at all: missing, unreadable, or not YAML. The message says where and why. */
public class PlanFileException extends Exception {
    public PlanFileException(String message) {
        super(message);
    }

    public PlanFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
