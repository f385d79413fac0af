package dev.crossmesh.demo.traffic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crossmesh.demo.traffic.ClusterState.NetworkGateway;
import dev.crossmesh.demo.traffic.SimulatedCurl.Answer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Where a request from a pod goes, as Envoy (with the endpoints istiod gives it) or, without a sidecar, kube-proxy
 * would send it, and what comes back. The rules are Istio's, from {@code pilot/pkg/xds/endpoints/ep_filters.go} and
 * {@code route/retry/retry.go} at 1.30.3:
 * <ul>
 * <li>a sidecar gets the endpoints of every cluster its istiod sees (its own, and each remote cluster a synced remote
 * secret opens) that has the Service; the Service must exist in the client's cluster too, or its name does not resolve;</li>
 * <li>an endpoint on another network is reached through a gateway of that network (one in the endpoint's cluster
 * first), and only when it has a sidecar (the gateway passes mTLS through by SNI); on a network with no gateway
 * istiod hands out the pod's own address, which another network cannot reach (a connection timeout);</li>
 * <li>a gateway passes the connection on only with a ready pod and a Gateway opening 15443 in AUTO_PASSTHROUGH in the
 * cluster its istiod reads config from (a remote's gateway takes its primary's), and only to endpoints its istiod sees;
 * mTLS between two sidecars needs the same root of trust;</li>
 * <li>requests go round robin; a failed connection is retried twice on other endpoints (Istio's default policy), and
 * Envoy answers 503 with its reset reason when every try failed, or "no healthy upstream" when it has no endpoint.</li>
 * </ul>
 * On a demo, clusters "share a network" when their istio-system carries the same network label: that label is the
 * only network a demo cluster has.
 */
final class SidecarRouting {
    static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";
    static final String RESET_BEFORE_HEADERS = "upstream connect error or disconnect/reset before headers. ";
    static final String CONNECTION_TIMEOUT = "connection timeout";
    static final String CONNECTION_REFUSED = "remote connection failure, transport failure reason: delayed connect error: Connection refused";
    static final String CONNECTION_TERMINATION = "connection termination";
    static final String TLS_ERROR = "remote connection failure, transport failure reason: TLS_error:|268435581:SSL routines:"
            + "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED:TLS_error_end";
    private static final int RETRIES = 2;
    private static final int HOST_SELECTION_ATTEMPTS = 5;

    private final MeshView view;
    private final Map<String, TrafficCluster> clients;
    private final Map<String, AtomicInteger> roundRobin;
    /** Lookups already made for this state of the clusters. */
    private final Map<String, Object> memo;

    /** One upstream host of the Envoy cluster: an endpoint, reached directly or through a network gateway. */
    private record Host(Endpoint endpoint, NetworkGateway gateway) {
    }

    /** A ready pod behind the Service. */
    private record Endpoint(ClusterState cluster, Pod pod, boolean sidecar) {
    }

    SidecarRouting(MeshView view, Map<String, TrafficCluster> clients, Map<String, AtomicInteger> roundRobin, Map<String, Object> memo) {
        this.view = view;
        this.clients = clients;
        this.roundRobin = roundRobin;
        this.memo = memo;
    }

    Answer send(ClusterState source, Pod pod, String host, int port, String path) {
        String[] parts = host.split("\\.", 3);
        String namespace = parts.length > 1 ? parts[1] : pod.getMetadata().getNamespace();
        if (parts.length == 3 && !parts[2].equals("svc") && !parts[2].equals("svc.cluster.local")) {
            return new Answer.NoAnswer(6, "Could not resolve host: " + host);
        }
        Service local = service(source, namespace, parts[0]);
        if (local == null) {
            return new Answer.NoAnswer(6, "Could not resolve host: " + host);
        }
        Answer refused = new Answer.NoAnswer(7, "Failed to connect to " + host + " port " + port + " after 0 ms: Could not connect to server");
        if (local.getSpec().getPorts() == null || local.getSpec().getPorts().stream().map(ServicePort::getPort).noneMatch(p -> p != null && p == port)) {
            return refused;
        }
        String key = source.name() + "/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "->" + namespace + "/" + parts[0] + ":" + port;
        if (!SidecarInjector.hasProxy(pod)) {
            // kube-proxy: the Service's ready pods in this cluster, nothing else
            List<Endpoint> endpoints = endpoints(source, local);
            if (endpoints.isEmpty()) {
                return refused;
            }
            Endpoint e = endpoints.get(next(key, endpoints.size()));
            Optional<Answer> answer = application(e.pod(), path);
            return answer.orElse(refused);
        }
        Optional<ClusterState> istiod = view.controller(source);
        if (istiod.isEmpty()) {
            return refused; // a sidecar that never got its configuration listens on nothing
        }
        List<Host> hosts = hosts(source, istiod.get(), namespace, parts[0]);
        if (hosts.isEmpty()) {
            return new Answer.Http(503, NO_HEALTHY_UPSTREAM);
        }
        Set<Host> tried = new HashSet<>();
        String reason = "";
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            Host h = hosts.get(next(key, hosts.size()));
            for (int selection = 1; selection < HOST_SELECTION_ATTEMPTS && tried.contains(h); selection++) {
                h = hosts.get(next(key, hosts.size())); // previous_hosts: look for one not tried yet
            }
            tried.add(h);
            reason = failure(source, h);
            if (reason.isEmpty()) {
                Optional<Answer> answer = application(h.endpoint().pod(), path);
                if (answer.isPresent()) {
                    return answer.get();
                }
                reason = CONNECTION_REFUSED; // nothing listens behind the sidecar
            }
        }
        return new Answer.Http(503, RESET_BEFORE_HEADERS + "retried and the latest reset reason: " + reason);
    }

    private int next(String key, int size) {
        return Math.floorMod(roundRobin.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement(), size);
    }

    /** The upstream hosts istiod hands the sidecar, after its network filter. */
    private List<Host> hosts(ClusterState source, ClusterState istiod, String namespace, String name) {
        List<NetworkGateway> gateways = view.gatewaysSeenBy(istiod);
        boolean multiNetwork = !gateways.isEmpty();
        List<Host> hosts = new ArrayList<>();
        for (ClusterState cluster : view.seenBy(istiod)) {
            Service service = service(cluster, namespace, name);
            if (service == null) {
                continue;
            }
            for (Endpoint e : endpoints(cluster, service)) {
                if (!multiNetwork) {
                    hosts.add(new Host(e, null));
                    continue;
                }
                String network = cluster.network();
                List<NetworkGateway> ofNetwork = gateways.stream().filter(g -> g.network().equals(network)).toList();
                List<NetworkGateway> ofCluster = ofNetwork.stream().filter(g -> g.cluster().equals(cluster.name())).toList();
                List<NetworkGateway> candidates = ofCluster.isEmpty() ? ofNetwork : ofCluster;
                boolean forceGateway = source.network().isEmpty() && !network.isEmpty() && !candidates.isEmpty();
                boolean sameNetwork = source.network().isEmpty() || network.isEmpty() || source.network().equals(network);
                if (!forceGateway && (sameNetwork || candidates.isEmpty())) {
                    hosts.add(new Host(e, null));
                } else if (e.sidecar()) { // cross-network needs mTLS for SNI routing
                    hosts.add(new Host(e, candidates.get(Math.floorMod(e.pod().getMetadata().getName().hashCode(), candidates.size()))));
                }
            }
        }
        return hosts;
    }

    /** Why a connection to the host fails, or "" when it gets through. */
    private String failure(ClusterState source, Host host) {
        ClusterState target = host.endpoint().cluster();
        if (host.gateway() == null) {
            boolean reachable = target.name().equals(source.name())
                    || (!source.network().isEmpty() && source.network().equals(target.network()));
            if (!reachable) {
                return CONNECTION_TIMEOUT; // a pod address of another network
            }
        } else {
            NetworkGateway gateway = host.gateway();
            if (!gateway.ready() || !view.passesThrough(gateway)) {
                return CONNECTION_REFUSED; // nothing listens on 15443 behind the load balancer
            }
            ClusterState gatewayCluster = view.cluster(gateway.cluster()).orElse(null);
            Optional<ClusterState> gatewayIstiod = gatewayCluster == null ? Optional.empty() : view.controller(gatewayCluster);
            if (gatewayIstiod.isEmpty() || view.seenBy(gatewayIstiod.get()).stream().noneMatch(c -> c.name().equals(target.name()))) {
                return CONNECTION_TERMINATION; // the gateway knows no endpoint for that SNI name and closes
            }
        }
        if (host.endpoint().sidecar() && !Objects.equals(source.root(), target.root())) {
            return TLS_ERROR;
        }
        return "";
    }

    /** What the pod's application answers: Istio's helloworld sample; empty when the pod runs something else. */
    private static Optional<Answer> application(Pod pod, String path) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getImage() != null && c.getImage().contains("examples-helloworld")).findFirst()
                .map(c -> switch (path) {
                    case "/hello" -> new Answer.Http(200, "Hello version: " + env(c.getEnv(), "SERVICE_VERSION") + ", instance: "
                            + pod.getMetadata().getName() + "\n");
                    case "/health" -> new Answer.Http(200, "Helloworld is healthy");
                    default -> new Answer.Http(404, "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                            + "<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n");
                });
    }

    /** As Python's {@code os.environ.get}: None when unset. */
    private static String env(List<EnvVar> env, String name) {
        return env == null ? "None" : env.stream().filter(e -> name.equals(e.getName()) && e.getValue() != null).map(EnvVar::getValue).findFirst().orElse("None");
    }

    private Service service(ClusterState cluster, String namespace, String name) {
        @SuppressWarnings("unchecked")
        Optional<Service> found = (Optional<Service>) memo.computeIfAbsent("service " + cluster.name() + " " + namespace + "/" + name, k -> {
            KubernetesClient client = client(cluster);
            return Optional.ofNullable(client == null ? null : client.services().inNamespace(namespace).withName(name).get());
        });
        return found.orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<Endpoint> endpoints(ClusterState cluster, Service service) {
        return (List<Endpoint>) memo.computeIfAbsent("endpoints " + cluster.name() + " " + service.getMetadata().getNamespace() + "/"
                + service.getMetadata().getName(), k -> {
                    KubernetesClient client = client(cluster);
                    Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
                    if (client == null || selector == null || selector.isEmpty()) {
                        return List.of();
                    }
                    return client.pods().inNamespace(service.getMetadata().getNamespace()).withLabels(selector).list().getItems().stream()
                            .filter(p -> p.getMetadata().getDeletionTimestamp() == null && MeshTraffic.ready(p))
                            .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
                            .map(p -> new Endpoint(cluster, p, SidecarInjector.hasProxy(p))).toList();
                });
    }

    private KubernetesClient client(ClusterState cluster) {
        TrafficCluster c = clients.get(cluster.name());
        return c == null || !cluster.running() ? null : c.adminClient();
    }
}
