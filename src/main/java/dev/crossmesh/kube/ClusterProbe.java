package dev.crossmesh.kube;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Asks a cluster whether it is there: the server version (the cheapest authenticated call) and the region its
 * nodes are labelled with. Never throws: every failure becomes a {@link ProbeResult} whose problem says what to do.
 */
public final class ClusterProbe {
    public static final String REGION_LABEL = "topology.kubernetes.io/region";
    /** Still set by older clusters and some managed offerings. */
    static final String LEGACY_REGION_LABEL = "failure-domain.beta.kubernetes.io/region";
    /** Enough nodes to find the region; a huge cluster is not listed in full for a label. */
    static final long NODE_SAMPLE = 50;

    private ClusterProbe() {
    }

    /** Probes with a client of its own, closed afterwards: for one-off checks such as the wizard's. */
    public static ProbeResult probe(Kubeconfigs kubeconfigs, String context) {
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            return probe(clients, context);
        }
    }

    public static ProbeResult probe(ClusterClients clients, String context) {
        KubeContext ctx;
        try {
            ctx = clients.kubeconfigs().context(context);
        } catch (KubeconfigException e) {
            return ProbeResult.unreachable(context, "", e.getMessage());
        }
        String version;
        KubernetesClient client;
        try {
            client = clients.client(context);
            version = client.getKubernetesVersion().getGitVersion();
        } catch (KubeconfigException e) {
            return ProbeResult.unreachable(context, ctx.server(), e.getMessage());
        } catch (RuntimeException e) {
            return ProbeResult.unreachable(context, ctx.server(), describe(e, ctx));
        }
        return ProbeResult.reachable(context, ctx.server(), version, region(client));
    }

    /** The region most nodes are in; "" when nodes carry no region label or may not be listed. */
    static String region(KubernetesClient client) {
        try {
            Map<String, Integer> counts = new HashMap<>();
            for (Node node : client.nodes().list(new ListOptionsBuilder().withLimit(NODE_SAMPLE).build()).getItems()) {
                Map<String, String> labels = node.getMetadata() == null ? null : node.getMetadata().getLabels();
                if (labels == null) {
                    continue;
                }
                String region = labels.getOrDefault(REGION_LABEL, labels.get(LEGACY_REGION_LABEL));
                if (region != null && !region.isBlank()) {
                    counts.merge(region, 1, Integer::sum);
                }
            }
            return counts.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElse("");
        } catch (RuntimeException e) {
            // a user allowed to reach the cluster but not to list nodes still has a usable cluster; the region stays unknown
            return "";
        }
    }

    /** A failure in words: what happened at which server, and what usually fixes it. Never a token or a stack trace. */
    static String describe(Throwable failure, KubeContext ctx) {
        String server = ctx.server().isEmpty() ? "the API server of context '" + ctx.name() + "'" : ctx.server();
        String user = ctx.user().isEmpty() ? "the context's user" : "user '" + ctx.user() + "'";
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return switch (k.getCode()) {
                    case 401 -> server + " rejected the credentials of " + user
                            + " (401 Unauthorized): log in again or refresh the token in the kubeconfig";
                    case 403 -> user + " may not read the server version of " + server
                            + " (403 Forbidden): ask the cluster's admin for at least read access";
                    default -> server + " answered HTTP " + k.getCode()
                            + (k.getStatus() != null && k.getStatus().getMessage() != null ? " (" + k.getStatus().getMessage() + ")" : "")
                            + ": the API server is not working as expected; try again or ask the cluster's admin";
                };
            }
            if (t instanceof UnknownHostException) {
                return "cannot find the host of " + server + ": check the server address in the kubeconfig, your DNS or VPN";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || contains(t, "connection refused")) {
                return "cannot connect to " + server + " (connection refused): is the cluster running, and the VPN or tunnel up?";
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException || t instanceof InterruptedIOException
                    || contains(t, "timed out") || contains(t, "timeout")) {
                return "no answer from " + server + " within " + ClusterClients.CONNECT_TIMEOUT.toSeconds()
                        + " s: a firewall, a private endpoint or a down VPN keeps it out of reach from this machine";
            }
            if (t instanceof SSLException || t instanceof CertificateException) {
                return "the TLS handshake with " + server + " failed: the server's certificate does not match the kubeconfig's "
                        + "certificate-authority-data; fetch fresh credentials for this cluster";
            }
        }
        return "cannot reach " + server + ": " + Kubeconfigs.rootMessage(failure);
    }

    private static boolean contains(Throwable t, String text) {
        return t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text);
    }
}
