package dev.crossmesh.demo.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The data plane of the demo clusters, computed from what their API servers hold: Istio's sidecar injection, requests
 * from a pod ({@code curl} run through the exec API) routed as the mesh's proxies would route them, and what each
 * istiod reports of its remote clusters ({@code /debug/clusterz}). Nothing is remembered between calls but the
 * proxies' round-robin positions and the clusters' state until the next write: delete a remote secret or a Gateway
 * and the next request takes the new path.
 * <p>
 * The one entry point of the simulation; the demo calls {@link #admit} when it creates a pod, {@link #changed} on every
 * write, and answers {@code pods/NAME/exec} with {@link #exec} and {@code pods/NAME/portforward} (istiod's debug endpoints) with
 * {@link #portForward}.
 */
public final class MeshTraffic {
    private final Supplier<? extends List<? extends TrafficCluster>> clusters;
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    /**
     * The clusters' state as last read, kept until a demo cluster is written to (any write may change a path) or one
     * stops or starts, and at most {@link #MAX_AGE}: requests in a quiet mesh do not read every cluster again.
     */
    private volatile Snapshot snapshot;
    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Snapshot(Instant at, List<Boolean> running, MeshView view, Map<String, Object> memo) {
    }
    /** istiod's monitoring port when its pod does not announce one. */
    static final int ISTIOD_MONITORING_PORT = 15014;

    /** @param clusters every demo cluster, read at each call (a cluster can join after this is made) */
    public MeshTraffic(Supplier<? extends List<? extends TrafficCluster>> clusters) {
        this.clusters = clusters;
    }

    /** The MutatingWebhookConfiguration a control plane of this revision ("" for none) installs, with the proxy image it injects. */
    public static MutatingWebhookConfiguration injectionWebhook(String revision, String owner, String proxyImage, Map<String, String> annotations) {
        return SidecarInjector.webhookConfiguration(revision, owner, proxyImage, annotations);
    }

    /** The pod as the API server stores it once the cluster's admission webhooks ran: with an istio-proxy when Istio's injector selects it. */
    public Pod admit(String cluster, Pod pod) {
        return cluster(cluster).map(c -> SidecarInjector.admit(c.adminClient(), pod)).orElse(pod);
    }

    /** Whether a request path is a pod's exec subresource. */
    public static boolean isExec(String pathAndQuery) {
        return ExecRequest.parse(pathAndQuery).isPresent();
    }

    /**
     * Runs an exec request as the kubelet would. Blocking (it reads the clusters through their API servers): call it
     * off the API server's event loop.
     */
    public ExecResult exec(String cluster, String pathAndQuery) {
        Optional<ExecRequest> parsed = ExecRequest.parse(pathAndQuery);
        Optional<TrafficCluster> found = cluster(cluster);
        if (parsed.isEmpty() || found.isEmpty()) {
            return ExecResult.refused(List.of(), "not an exec request");
        }
        ExecRequest request = parsed.get();
        try {
            KubernetesClient client = found.get().adminClient();
            Pod pod = client.pods().inNamespace(request.namespace()).withName(request.pod()).get();
            if (pod == null) {
                return ExecResult.refused(request.command(), "pods \"" + request.pod() + "\" not found");
            }
            List<Container> containers = pod.getSpec().getContainers();
            List<String> names = containers.stream().map(Container::getName).toList();
            String name = request.container().isEmpty() && containers.size() == 1 ? names.get(0) : request.container();
            if (name.isEmpty()) {
                return ExecResult.refused(request.command(), "a container name must be specified for pod " + request.pod() + ", choose one of: " + names);
            }
            Optional<Container> container = containers.stream().filter(c -> c.getName().equals(name)).findFirst();
            if (container.isEmpty()) {
                return ExecResult.refused(request.command(), "container " + name + " is not valid for pod " + request.pod());
            }
            if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                return ExecResult.refused(request.command(), "unable to upgrade connection: container not found (\"" + name + "\")");
            }
            if (request.command().isEmpty()) {
                return ExecResult.refused(request.command(), "you must specify at least one command for the container");
            }
            String program = request.command().get(0);
            String image = container.get().getImage() == null ? "" : container.get().getImage();
            if (!(program.equals("curl") || program.endsWith("/curl")) || !image.contains("curl")) {
                return ExecResult.ran(request.command(), "", "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + program
                        + "\": executable file not found in $PATH: unknown (a demo container runs curl only, in a curl image)\r\n", 126);
            }
            Snapshot s = snapshot();
            ClusterState source = s.view().cluster(cluster).orElseThrow();
            SidecarRouting routing = new SidecarRouting(s.view(), byName(), roundRobin, s.memo());
            return SimulatedCurl.run(request.command(), (host, port, path) -> routing.send(source, pod, host, port, path));
        } catch (KubernetesClientException e) {
            return ExecResult.refused(request.command(), "the demo cluster could not be read: " + e.getMessage());
        }
    }

    /** Whether a request path is a pod's port-forward subresource. */
    public static boolean isPortForward(String pathAndQuery) {
        return PortForwardRequest.parse(pathAndQuery).isPresent();
    }

    /**
     * The pod's end of one connection forwarded to one of its ports ({@code pods/NAME/portforward?ports=PORT}), as the
     * kubelet would connect it: a running istiod pod answers on its monitoring port ({@code prometheus.io/port}, else
     * 15014) with its debug endpoints, among them {@code /debug/clusterz} (istiod's own cluster, then every cluster its
     * remote secrets register with the sync status istiod reports, {@code synced} or {@code timeout}), which is how
     * istioctl remote-clusters reads it. Blocking (it reads the clusters): call it off the API server's event loop.
     */
    public ForwardedConnection portForward(String cluster, String pathAndQuery) {
        Optional<PortForwardRequest> parsed = PortForwardRequest.parse(pathAndQuery);
        Optional<TrafficCluster> found = cluster(cluster);
        if (parsed.isEmpty() || found.isEmpty()) {
            return ForwardedConnection.refused("not a port-forward request");
        }
        PortForwardRequest request = parsed.get();
        try {
            Pod pod = found.get().adminClient().pods().inNamespace(request.namespace()).withName(request.pod()).get();
            if (pod == null) {
                return ForwardedConnection.refused("pods \"" + request.pod() + "\" not found");
            }
            String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
            if (!phase.equals("Running")) {
                return ForwardedConnection.refused("unable to upgrade connection: pod is not running. Current status=" + phase);
            }
            boolean istiod = ClusterState.ISTIO_SYSTEM.equals(request.namespace()) && pod.getMetadata().getLabels() != null
                    && "istiod".equals(pod.getMetadata().getLabels().get("app"));
            if (!istiod || request.port() != monitoringPort(pod)) {
                return ForwardedConnection.refused("error forwarding port " + request.port() + " to pod " + request.pod() + ", uid "
                        + pod.getMetadata().getUid() + ": failed to connect to localhost:" + request.port()
                        + " inside the pod's network namespace: dial tcp4 127.0.0.1:" + request.port() + ": connect: connection refused");
            }
            return ForwardedConnection.http(path -> path.equals("/debug/clusterz") ? clusterz(cluster) : ForwardedConnection.HttpAnswer.notFound());
        } catch (KubernetesClientException e) {
            return ForwardedConnection.refused("the demo cluster could not be read: " + e.getMessage());
        }
    }

    /** The port istiod's chart puts its monitoring (and debug) server on, as its pod announces it. */
    private static int monitoringPort(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String port = annotations == null ? null : annotations.get("prometheus.io/port");
        return port != null && port.trim().matches("[0-9]{1,5}") ? Integer.parseInt(port.trim()) : ISTIOD_MONITORING_PORT;
    }

    /** {@code /debug/clusterz} of the cluster's istiod, as {@code pkg/kube/multicluster} lists its clusters. */
    private ForwardedConnection.HttpAnswer clusterz(String cluster) {
        MeshView view = snapshot().view();
        Optional<ClusterState> istiod = view.cluster(cluster);
        if (istiod.isEmpty()) {
            return ForwardedConnection.HttpAnswer.notFound();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("id", istiod.get().clusterId());
        own.put("secretName", "");
        own.put("syncStatus", "synced");
        out.add(own);
        for (MeshView.RemoteCluster r : view.remoteClusters(istiod.get())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", r.entry().clusterId());
            entry.put("secretName", r.entry().secretName());
            entry.put("syncStatus", r.syncStatus());
            out.add(entry);
        }
        return new ForwardedConnection.HttpAnswer(200, "OK", "application/json", Serialization.asJson(out));
    }

    /** Call on every write to a demo cluster's API server: the next request reads the clusters again. */
    public void changed() {
        snapshot = null;
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null || !fresh(s)) {
            List<Boolean> running = clusters.get().stream().map(TrafficCluster::isRunning).toList();
            s = new Snapshot(Instant.now(), running, new MeshView(clusters.get().stream().map(ClusterState::read).toList()), new ConcurrentHashMap<>());
            snapshot = s;
        }
        return s;
    }

    private boolean fresh(Snapshot s) {
        return s.running().equals(clusters.get().stream().map(TrafficCluster::isRunning).toList())
                && Duration.between(s.at(), Instant.now()).compareTo(MAX_AGE) <= 0;
    }

    private Map<String, TrafficCluster> byName() {
        Map<String, TrafficCluster> map = new LinkedHashMap<>();
        clusters.get().forEach(c -> map.put(c.name(), c));
        return map;
    }

    private Optional<TrafficCluster> cluster(String name) {
        return clusters.get().stream().filter(c -> c.name().equals(name)).map(c -> (TrafficCluster) c).findFirst();
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
