package dev.crossmesh.kube;

/** The kubeconfig cannot be read, or does not hold the context asked for. The message names the file or context. */
public class KubeconfigException extends Exception {
    public KubeconfigException(String message) {
        super(message);
    }

    public KubeconfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
