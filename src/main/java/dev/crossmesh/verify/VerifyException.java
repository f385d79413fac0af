package dev.crossmesh.verify;

/** A cluster could not be used for the check; the message names the cluster, says what went wrong and what to do. */
public final class VerifyException extends Exception {
    private static final long serialVersionUID = 1L;

    public VerifyException(String message) {
        super(message);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
