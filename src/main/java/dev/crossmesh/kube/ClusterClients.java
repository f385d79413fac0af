package dev.crossmesh.kube;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * One fabric8 client per kubeconfig context, made on first use and closed together. Timeouts are short and
 * retries few, so that a dead VPN or a stopped cluster fails in seconds rather than the client's default minutes.
 */
public final class ClusterClients implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final Kubeconfigs kubeconfigs;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    public ClusterClients(Kubeconfigs kubeconfigs) {
        this.kubeconfigs = kubeconfigs;
    }

    public Kubeconfigs kubeconfigs() {
        return kubeconfigs;
    }

    public KubernetesClient client(String context) throws KubeconfigException {
        KubernetesClient existing = clients.get(context);
        if (existing != null) {
            return existing;
        }
        Config config = kubeconfigs.clientConfig(context);
        config.setConnectionTimeout((int) CONNECT_TIMEOUT.toMillis());
        config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        KubernetesClient raced = clients.putIfAbsent(context, client);
        if (raced != null) {
            client.close();
            return raced;
        }
        return client;
    }

    /** The API server URL a context points at, as the client sees it. */
    public String server(String context) throws KubeconfigException {
        return client(context).getMasterUrl().toString();
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
