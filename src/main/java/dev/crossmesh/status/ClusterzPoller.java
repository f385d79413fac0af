package dev.crossmesh.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Asks each cluster's istiod which remote clusters it has, as {@code istioctl remote-clusters} does
 * ({@code istioctl/pkg/proxyconfig/clusters.go}): {@code GET /debug/clusterz} on istiod's monitoring port (15014),
 * here through the API server's pod proxy ({@code pods/NAME:15014/proxy/debug/clusterz}) rather than a port-forward.
 * Periodically, on its own thread; a cluster whose istiod cannot be asked (no pod, no permission for pods/proxy, no
 * answer) is unknown, not "no remote clusters".
 */
final class ClusterzPoller implements AutoCloseable {
    static final int MONITORING_PORT = 15014;
    /** An istiod that did not answer is asked again this soon, this many times, before it counts as unknown. */
    private static final long RETRY_MILLIS = 300;
    private static final int RETRIES = 5;

    private final long intervalMillis;
    private final Consumer<String> onChange;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crossmesh-clusterz");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    /** What to ask and the last answer; {@code result} null while unknown. */
    private static final class Target {
        final KubernetesClient client;
        final Supplier<List<String>> istiodPods;
        volatile List<RemoteClusterStatus> result;
        volatile boolean asked;
        int failures;
        ScheduledFuture<?> task;

        Target(KubernetesClient client, Supplier<List<String>> istiodPods) {
            this.client = client;
            this.istiodPods = istiodPods;
        }
    }

    ClusterzPoller(Duration interval, Consumer<String> onChange) {
        this.intervalMillis = interval.toMillis();
        this.onChange = onChange;
    }

    /** Starts asking the cluster's istiod (its running pods, from {@code istiodPods}); cheap when already asking that client. */
    void target(String cluster, KubernetesClient client, Supplier<List<String>> istiodPods) {
        Target current = targets.get(cluster);
        if (current != null && current.client == client) {
            return;
        }
        if (current != null) {
            current.task.cancel(false);
        }
        Target next = new Target(client, istiodPods);
        targets.put(cluster, next);
        next.task = timer.scheduleWithFixedDelay(() -> ask(cluster, next), 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** istiod's remote clusters, or null when unknown. */
    List<RemoteClusterStatus> result(String cluster) {
        Target t = targets.get(cluster);
        return t == null ? null : t.result;
    }

    /** Whether some istiod has not been asked once yet. */
    boolean anyWaiting() {
        return targets.values().stream().anyMatch(t -> !t.asked);
    }

    private void ask(String cluster, Target t) {
        List<RemoteClusterStatus> answer = null;
        for (String pod : t.istiodPods.get()) {
            try {
                String body = t.client.raw("/api/v1/namespaces/" + Labels.ISTIO_NAMESPACE + "/pods/" + pod + ":" + MONITORING_PORT + "/proxy/debug/clusterz");
                answer = body == null ? null : parse(body);
            } catch (RuntimeException e) {
                answer = null; // not ready, not allowed (pods/proxy), no answer, or not istiod's JSON: unknown
            }
            if (answer != null) {
                break;
            }
        }
        if (answer == null && ++t.failures <= RETRIES && targets.get(cluster) == t) {
            timer.schedule(() -> ask(cluster, t), RETRY_MILLIS, TimeUnit.MILLISECONDS); // busy for a moment: ask again soon
            return;
        }
        t.failures = 0;
        List<RemoteClusterStatus> before = t.result;
        t.result = answer;
        t.asked = true;
        if (targets.get(cluster) == t && !Objects.equals(before, answer)) {
            onChange.accept(cluster);
        }
    }

    /** {@code [{"id", "secretName", "syncStatus"}]}: the first entry without a secret is istiod's own (config) cluster. */
    static List<RemoteClusterStatus> parse(String json) {
        List<RemoteClusterStatus> result = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            String secret = text(o, "secretName");
            if (secret.isEmpty()) {
                continue;
            }
            String status = text(o, "syncStatus");
            boolean synced = status.equals("synced");
            result.add(new RemoteClusterStatus(text(o, "id"), synced, synced ? "" : status.isEmpty() ? "unknown" : status));
        }
        result.sort(Comparator.comparing(RemoteClusterStatus::name));
        return List.copyOf(result);
    }

    private static String text(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        targets.clear();
    }
}
