package dev.crossmesh.status;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
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
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;

/**
 * Asks each cluster's istiod which remote clusters it has, as {@code istioctl remote-clusters} does
 * ({@code istioctl/pkg/proxyconfig/clusters.go}, {@code pkg/kube/client.go} AllDiscoveryDo at 1.30.3): a port-forward to
 * each running istiod pod's monitoring port, then {@code GET /debug/clusterz} on it. A port-forward and not the API
 * server's pod proxy: istiod answers its debug endpoints only to requests from localhost or carrying a token it
 * verifies ({@code allowAuthenticatedOrLocalhost} in {@code pilot/pkg/xds/debug.go} since 1.11), and the API server
 * drops the caller's token before proxying, so the pod proxy gets 401. Periodically, on its own threads; an istiod that
 * cannot be asked (no permission for pods/portforward, no answer, not istiod's JSON) is unknown, not "no remote clusters".
 */
final class ClusterzPoller implements AutoCloseable {
    /** istiod's monitoring port when its pod does not name another ({@code FindIstiodMonitoringPort}). */
    static final int MONITORING_PORT = 15014;
    static final String PORT_ANNOTATION = "prometheus.io/port";
    static final String PATH = "/debug/clusterz";
    /**
     * An istiod that did not answer (often: its pod not listed yet) is asked again after 50 ms, then twice as long each
     * time, 5 times (1.55 s in all) before it counts as unknown; a flat 300 ms made every one-shot status wait for it.
     */
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final int RETRIES = 5;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** One istiod pod to ask, and the port its debug endpoints listen on. */
    record IstiodPod(String name, int monitoringPort) {
        /** As istioctl finds it: the {@code prometheus.io/port} annotation when it is a number, else 15014. */
        static IstiodPod of(Pod pod) {
            Map<String, String> annotations = pod.getMetadata().getAnnotations();
            String port = annotations == null ? null : annotations.get(PORT_ANNOTATION);
            int monitoring = MONITORING_PORT;
            try {
                monitoring = port == null ? MONITORING_PORT : Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                // not a number: istioctl falls back too
            }
            return new IstiodPod(pod.getMetadata().getName(), monitoring);
        }
    }

    private final long intervalMillis;
    private final Consumer<String> onChange;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(StatusMonitor.daemon("crossmesh-clusterz"));
    private final ExecutorService httpThreads = StatusMonitor.idling(2, "crossmesh-clusterz-http");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    /** What to ask and the last answer; {@code result} null while unknown. */
    private static final class Target {
        final KubernetesClient client;
        final Supplier<List<IstiodPod>> istiodPods;
        volatile List<RemoteClusterStatus> result;
        volatile boolean asked;
        int failures;
        ScheduledFuture<?> task;

        Target(KubernetesClient client, Supplier<List<IstiodPod>> istiodPods) {
            this.client = client;
            this.istiodPods = istiodPods;
        }
    }

    ClusterzPoller(Duration interval, Consumer<String> onChange) {
        this.intervalMillis = interval.toMillis();
        this.onChange = onChange;
    }

    /** Starts asking the cluster's istiod (its running pods, from {@code istiodPods}); cheap when already asking that client. */
    void target(String cluster, KubernetesClient client, Supplier<List<IstiodPod>> istiodPods) {
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

    /** Stops asking the cluster's istiod (it has no ready pod, or its release has no /debug/clusterz). */
    void forget(String cluster) {
        Target current = targets.remove(cluster);
        if (current != null) {
            current.task.cancel(false);
        }
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
        for (IstiodPod pod : t.istiodPods.get()) {
            answer = clusterz(t.client, pod);
            if (answer != null) {
                break;
            }
        }
        if (answer == null && ++t.failures <= RETRIES && targets.get(cluster) == t) {
            timer.schedule(() -> ask(cluster, t), FIRST_RETRY_MILLIS << (t.failures - 1), TimeUnit.MILLISECONDS);
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

    /** One pod's answer through a port-forward bound to this machine's loopback only; null when it gave none. */
    private List<RemoteClusterStatus> clusterz(KubernetesClient client, IstiodPod pod) {
        try (LocalPortForward forward = client.pods().inNamespace(Labels.ISTIO_NAMESPACE).withName(pod.name())
                .portForward(pod.monitoringPort(), InetAddress.getLoopbackAddress(), 0)) {
            URI uri = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + forward.getLocalPort() + PATH);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // not allowed (pods/portforward), no answer, or not istiod's JSON: unknown
        }
    }

    /** {@code [{"id", "secretName", "syncStatus"}]}: the entry without a secret is istiod's own (config) cluster. */
    static List<RemoteClusterStatus> parse(String json) {
        List<RemoteClusterStatus> result = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            if (text(o, "secretName").isEmpty()) {
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
        return v == null || v.isJsonNull() || !v.isJsonPrimitive() ? "" : v.getAsString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        httpThreads.shutdownNow();
        targets.clear();
    }
}
