package dev.crossmesh.status;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Exceptions from the client turned into a few words a user can act on. Never includes credentials. */
final class Problems {
    private Problems() {
    }

    /** Whether the API server said 404: the resource (e.g. a CRD version) is not served. */
    static boolean isNotFound(Throwable t) {
        KubernetesClientException k = find(t, KubernetesClientException.class);
        return k != null && k.getCode() == 404;
    }

    /** Whether the API server answered at all (an HTTP status), as opposed to a connection problem. */
    static boolean isHttpAnswer(Throwable t) {
        KubernetesClientException k = find(t, KubernetesClientException.class);
        return k != null && k.getCode() > 0;
    }

    static String describe(Throwable t) {
        KubernetesClientException k = find(t, KubernetesClientException.class);
        if (k != null && k.getCode() > 0) {
            String reason = k.getStatus() != null && k.getStatus().getReason() != null ? " " + k.getStatus().getReason() : "";
            return "HTTP " + k.getCode() + reason + switch (k.getCode()) {
                case 401 -> " (the context's credentials were refused: expired token? log in again with your cloud's tool)";
                case 403 -> " (the context's user may not read this; ask for read access to istio-system)";
                default -> "";
            };
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        if (root instanceof ConnectException || message.contains("Connection refused")) {
            return "cannot connect to the API server (" + (message.isEmpty() ? "connection refused" : message) + ")";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (root instanceof SSLException) {
            return "TLS handshake with the API server failed: " + message;
        }
        if (root instanceof TimeoutException || root instanceof java.net.SocketTimeoutException || message.toLowerCase(java.util.Locale.ROOT).contains("timed out")) {
            return "the API server did not answer in time";
        }
        return message.isEmpty() ? root.getClass().getSimpleName() : message;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
