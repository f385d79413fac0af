package dev.crossmesh.kube;

import java.io.IOException;
import java.util.Locale;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Turns a failed request into a sentence a user can act on: which cluster, which object, what went wrong and what
 * to do. Only the server's own status message is quoted (never a request body), so secret values cannot leak.
 */
public final class KubeFailures {
    /** The REST verb of a failed request, as RBAC names it. */
    public enum Verb {
        GET("read", "get"), LIST("list", "list"), CREATE("create", "create"), UPDATE("update", "update"), DELETE("delete", "delete"),
        /** A server-side apply that creates: a PATCH, for which the API server also asks for create. */
        APPLY_NEW("create", "patch and create"),
        /** A server-side apply of an object that exists. */
        APPLY("update", "patch");

        final String words;
        final String rbac;

        Verb(String words, String rbac) {
            this.words = words;
            this.rbac = rbac;
        }
    }

    private KubeFailures() {
    }

    /**
     * @param object e.g. {@code Secret istio-system/cacerts}
     * @param kind   the object's kind, for the RBAC hint and the "CRD missing" case; may be ""
     */
    static String describe(String cluster, String server, Verb verb, String object, String kind, Throwable error) {
        return describe(cluster, server, verb, object, kind, error, "apply");
    }

    /** @param command what to run again once fixed: apply, diff, preflight, uninstall, verify */
    public static String describe(String cluster, String server, Verb verb, String object, String kind, Throwable error, String command) {
        if (error instanceof ObjectSync.DryRunRefused refused) {
            return describe(cluster, server, verb == Verb.GET ? Verb.APPLY : verb, object, kind, refused.refusal(), command);
        }
        String again = "run " + command + " again";
        String againSentence = "Run " + command + " again";
        int code = error instanceof KubernetesClientException k ? k.getCode() : 0;
        String detail = detail(error);
        String where = "cluster " + cluster;
        String what = verb.words + " " + object;
        if (!(error instanceof KubernetesClientException) && !isConnectionProblem(error)) {
            return where + ": could not " + what + ": unexpected " + error.getClass().getSimpleName() + ": " + detail
                    + ". " + againSentence + "; if it happens again, please report it.";
        }
        if (code == 0 || isConnectionProblem(error)) {
            return where + " (" + server + ") did not answer when crossmesh tried to " + what + ": " + detail
                    + ". Check that the cluster is running and reachable (VPN, firewall, credentials), then " + again
                    + (command.equals("apply") ? ": what is already applied stays, and apply completes the rest." : ".");
        }
        String http = " (HTTP " + code + (detail.isEmpty() ? "" : ": " + detail) + ")";
        String webhook = admissionWebhook(detail);
        if (webhook != null) {
            return where + ": the admission webhook " + webhook + " refused " + object + http
                    + ". Its reason is above: fix what it names (or the webhook, if it should not judge this object), then " + again + ".";
        }
        return switch (code) {
            case 401 -> where + " rejected the credentials when crossmesh tried to " + what + http
                    + ". Refresh the context's credentials (for GKE: gcloud container clusters get-credentials) and " + again + ".";
            case 403 -> where + ": not allowed to " + what + http + ". Ask a cluster admin for RBAC permission to "
                    + verb.rbac + " " + ResourceKinds.plural(kind) + (object.contains("/") ? " in namespace " + object.substring(object.indexOf(' ') + 1, object.indexOf('/')) : "")
                    + "; `crossmesh preflight` lists every permission apply needs.";
            case 404 -> isCustomKind(kind)
                    ? where + " does not know the kind " + kind + " when crossmesh tried to " + what + http
                            + ": the Istio CRDs are not installed. Install the control plane first (istioctl install), then " + again + "."
                    : where + ": " + object + " was not found when crossmesh tried to " + verb.words + " it" + http + ". " + againSentence + ".";
            case 409 -> where + ": " + object + " changed again while crossmesh was writing it" + http
                    + "; another tool or person is writing it at the same time. " + againSentence + " once that has settled.";
            case 422 -> where + " rejected " + object + " as invalid" + http + causes(error)
                    + (immutable(error) ? ". A field that cannot change after creation differs: delete " + object + " (kubectl delete) and "
                            + again + " to create it anew" : ". This is a crossmesh bug or an API server that does not accept this Istio/Kubernetes"
                            + " version: please report it") + ".";
            default -> code >= 500
                    ? where + "'s API server failed when crossmesh tried to " + what + http
                            + ". This is a problem on the server side: " + again + "; if it persists, check the API server's health."
                    : where + ": could not " + what + http + ".";
        };
    }

    public static boolean isConnectionProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t.getCause() == null && t instanceof KubernetesClientException k && k.getCode() == 0) {
                return true;
            }
        }
        return false;
    }

    static int code(Throwable error) {
        return error instanceof KubernetesClientException k ? k.getCode() : 0;
    }

    /** The server's status message, or the root cause for connection problems; short, one line. */
    public static String detail(Throwable error) {
        String message = null;
        if (error instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            message = k.getStatus().getMessage();
        }
        if (message == null || message.isBlank()) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (root instanceof java.net.ConnectException && !message.toLowerCase(Locale.ROOT).contains("refused")) {
                message = "connection refused (" + message + ")";
            }
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    /** {@code "validation.istio.io"} when the server's message is an admission webhook's denial, else null. */
    private static String admissionWebhook(String detail) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("admission webhook (\"[^\"]+\") denied the request").matcher(detail);
        return m.find() ? m.group(1) : null;
    }

    /** The fields the server named, {@code ; spec.selector: field is immutable}, or "" (each message short). */
    private static String causes(Throwable error) {
        if (!(error instanceof KubernetesClientException k) || k.getStatus() == null || k.getStatus().getDetails() == null
                || k.getStatus().getDetails().getCauses() == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        k.getStatus().getDetails().getCauses().stream().filter(c -> c.getField() != null).limit(5).forEach(c -> {
            String message = c.getMessage() == null ? String.valueOf(c.getReason()) : c.getMessage().replaceAll("\\s+", " ");
            out.append(out.length() == 0 ? ": " : "; ").append(c.getField()).append(": ")
                    .append(message.length() > 160 ? message.substring(0, 160) + "..." : message);
        });
        return out.toString();
    }

    private static boolean immutable(Throwable error) {
        return error instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getDetails() != null
                && k.getStatus().getDetails().getCauses() != null
                && k.getStatus().getDetails().getCauses().stream().anyMatch(c -> c.getMessage() != null && c.getMessage().contains("immutable"));
    }

    private static boolean isCustomKind(String kind) {
        return "Gateway".equals(kind) || "VirtualService".equals(kind) || "IstioOperator".equals(kind);
    }
}
