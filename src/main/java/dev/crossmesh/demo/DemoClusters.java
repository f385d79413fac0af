package dev.crossmesh.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.crossmesh.demo.traffic.MeshTraffic;

/**
 * N demo clusters named {@code demo-cluster-1...N}, their kubeconfig, and what makes them behave like clusters:
 * nodes in a region, the Istio CRDs, a token controller, a {@link SimulatedControlPlane} each, a gateway status
 * endpoint each, and the faults asked for. Closing stops them all (and deletes nothing else).
 *
 * <pre>{@code
 * try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig"))
 *         .simulation(SimulationOptions.fast())
 *         .faults(DemoFaults.none().withNoLoadBalancer("demo-cluster-2").withOffline(OfflineFault.parse("3@5+2", 3)))
 *         .start()) { ... }
 * }</pre>
 */
public final class DemoClusters implements AutoCloseable {
    public static final String NAME_PREFIX = "demo-cluster-";
    public static final int MAX_CLUSTERS = DemoRegions.MAX_CLUSTERS;
    private static final int EVENTS_KEPT = 2000;

    private final Builder settings;
    private final List<DemoApiServer> servers = new CopyOnWriteArrayList<>();
    private final MeshTraffic traffic = new MeshTraffic(() -> servers);
    private final List<SimulatedControlPlane> controlPlanes = new ArrayList<>();
    private final List<GatewayStatusServer> gateways = new ArrayList<>();
    private final List<AutoCloseable> controllers = new ArrayList<>();
    private final List<Consumer<DemoEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<DemoEvent> history = new ArrayDeque<>();
    private ScheduledExecutorService faultTimer;
    private String kubeconfigText;
    private boolean closed;

    private DemoClusters(Builder settings) {
        this.settings = settings;
        if (settings.listener != null) {
            listeners.add(settings.listener);
        }
    }

    /** N clusters with the default simulation and no faults; the kubeconfig is written to the given file. */
    public static DemoClusters start(int count, Path kubeconfig) throws IOException {
        return builder().clusters(count).kubeconfig(kubeconfig).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a demo is made of; {@link #start()} checks it and starts everything. */
    public static final class Builder {
        private int count = 2;
        private Path kubeconfig;
        private SimulationOptions simulation = SimulationOptions.defaults();
        private boolean simulated = true;
        private DemoFaults faults = DemoFaults.none();
        private GatewayAddressing addressing = GatewayAddressing.LOOPBACK_RANGE;
        private Consumer<DemoEvent> listener;

        private Builder() {
        }

        /** How many clusters, 1 to {@link #MAX_CLUSTERS}; default 2. */
        public Builder clusters(int value) {
            count = value;
            return this;
        }

        /** The kubeconfig file to write; required (the CLI passes {@code AppDirs.demoKubeconfig()} by default). */
        public Builder kubeconfig(Path value) {
            kubeconfig = value;
            return this;
        }

        public Builder simulation(SimulationOptions value) {
            simulation = Objects.requireNonNull(value);
            return this;
        }

        /** Bare API servers: no simulated control plane and no gateway endpoints (nodes and CRDs are still there). */
        public Builder withoutSimulation() {
            simulated = false;
            return this;
        }

        public Builder faults(DemoFaults value) {
            faults = Objects.requireNonNull(value);
            return this;
        }

        public Builder gatewayAddressing(GatewayAddressing value) {
            addressing = Objects.requireNonNull(value);
            return this;
        }

        /** Called with every {@link DemoEvent}, from the clusters' own threads; set before start so that none is missed. */
        public Builder onEvent(Consumer<DemoEvent> value) {
            listener = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a count out of range, a fault naming no demo cluster, or a kubeconfig
         *                                  path the demo must not write ({@link DemoKubeconfig#checkWritable})
         * @throws IOException              when the kubeconfig cannot be written or no gateway address can be bound
         */
        public DemoClusters start() throws IOException {
            if (count < 1 || count > MAX_CLUSTERS) {
                throw new IllegalArgumentException("a demo has 1 to " + MAX_CLUSTERS + " clusters, not " + count);
            }
            if (kubeconfig == null) {
                throw new IllegalArgumentException("no kubeconfig file given for the demo clusters");
            }
            DemoKubeconfig.checkWritable(kubeconfig);
            for (String c : faults.noLoadBalancer()) {
                DemoFaults.clusterName(c, count, "no-load-balancer fault");
            }
            for (String c : faults.brokenRootCa()) {
                DemoFaults.clusterName(c, count, "broken-root-CA fault");
            }
            for (OfflineFault f : faults.offline()) {
                DemoFaults.clusterName(f.cluster(), count, "offline fault");
            }
            DemoClusters demo = new DemoClusters(this);
            try {
                demo.startAll();
                return demo;
            } catch (IOException | RuntimeException e) {
                demo.close();
                throw e;
            }
        }
    }

    private void startAll() throws IOException {
        int count = settings.count;
        if (settings.simulated) {
            gateways.addAll(GatewayStatusServer.bind(count, settings.addressing));
        }
        // clusters start side by side: most of a start is waiting for the informers' first list
        DemoApiServer[] started = new DemoApiServer[count];
        TokenController[] tokens = new TokenController[count];
        SimulatedControlPlane[] planes = new SimulatedControlPlane[count];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 4), r -> {
            Thread t = new Thread(r, "demo-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                int index = i;
                starts.add(pool.submit(() -> {
                    String name = NAME_PREFIX + index;
                    DemoApiServer server = new DemoApiServer(name).start();
                    if (settings.simulated) {
                        server.carry(traffic); // pods' exec and port-forwards are answered by the simulated mesh
                    }
                    started[index - 1] = server;
                    ClusterBootstrap.apply(server.adminClient(), name, index);
                    tokens[index - 1] = new TokenController(server).start();
                    if (settings.simulated) {
                        planes[index - 1] = new SimulatedControlPlane(server, index, settings.simulation,
                                !settings.faults.noLoadBalancer().contains(name), !settings.faults.brokenRootCa().contains(name),
                                gateways.get(index - 1), this::publish, traffic).start();
                    }
                    return null;
                }));
            }
            RuntimeException failure = null;
            for (Future<?> f : starts) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("a demo cluster did not start: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while starting the demo clusters");
                }
            }
            // kept in cluster order, and kept even on failure so that close() stops what did start
            for (int i = 0; i < count; i++) {
                if (started[i] != null) {
                    servers.add(started[i]);
                }
                if (tokens[i] != null) {
                    controllers.add(tokens[i]);
                }
                if (planes[i] != null) {
                    controlPlanes.add(planes[i]);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
        kubeconfigText = DemoKubeconfig.yaml(servers);
        Path parent = settings.kubeconfig.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        dev.crossmesh.PrivateFiles.write(settings.kubeconfig, kubeconfigText);
        scheduleOfflineFaults();
    }

    private void scheduleOfflineFaults() {
        if (settings.faults.offline().isEmpty()) {
            return;
        }
        faultTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-faults");
            t.setDaemon(true);
            return t;
        });
        for (OfflineFault fault : settings.faults.offline()) {
            DemoApiServer server = server(fault.cluster());
            faultTimer.schedule(() -> {
                server.stop();
                publish(new DemoEvent(server.name(), DemoEvent.Kind.API_SERVER_STOPPED, "API server stopped by --offline ("
                        + fault.describe() + ")"));
            }, fault.after().toMillis(), TimeUnit.MILLISECONDS);
            fault.backAfter().ifPresent(back -> faultTimer.schedule(() -> {
                server.start();
                publish(new DemoEvent(server.name(), DemoEvent.Kind.API_SERVER_STARTED, "API server back at " + server.url()));
            }, fault.after().plus(back).toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private void publish(DemoEvent event) {
        synchronized (history) {
            history.addLast(event);
            while (history.size() > EVENTS_KEPT) {
                history.removeFirst();
            }
            history.notifyAll();
        }
        for (Consumer<DemoEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // one listener's failure must not stop the demo
            }
        }
    }

    /** Adds a listener for events from now on; {@link #events()} has the ones before. */
    public void addListener(Consumer<DemoEvent> listener) {
        listeners.add(listener);
    }

    /** The events so far (the last {@value #EVENTS_KEPT}), oldest first. */
    public List<DemoEvent> events() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * Waits for an event (one already past counts), for tests and scripts that need to know a step happened.
     *
     * @throws TimeoutException naming what was awaited and listing what did happen
     */
    public DemoEvent awaitEvent(Predicate<DemoEvent> wanted, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (history) {
            while (true) {
                Optional<DemoEvent> found = history.stream().filter(wanted).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no such demo event within " + timeout + "; events so far: " + history);
                }
                TimeUnit.NANOSECONDS.timedWait(history, left);
            }
        }
    }

    /** {@link #awaitEvent} for an event of one kind from one cluster. */
    public DemoEvent awaitEvent(String cluster, DemoEvent.Kind kind, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitEvent(e -> e.cluster().equals(cluster) && e.kind() == kind, timeout);
    }

    public List<DemoApiServer> servers() {
        return List.copyOf(servers);
    }

    public DemoApiServer server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo cluster " + name));
    }

    /** @throws IllegalStateException when the demo was started {@link Builder#withoutSimulation() without simulation} */
    public SimulatedControlPlane controlPlane(String name) {
        return controlPlanes.stream().filter(c -> c.cluster().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(settings.simulated ? "no demo cluster " + name : "this demo runs without simulation"));
    }

    /** The clusters as a user sees them: name, API server, region, gateway address; what the CLI lists. */
    public List<DemoCluster> clusters() {
        List<DemoCluster> result = new ArrayList<>();
        for (int i = 1; i <= servers.size(); i++) {
            DemoApiServer s = servers.get(i - 1);
            List<String> faults = new ArrayList<>();
            if (settings.faults.noLoadBalancer().contains(s.name())) {
                faults.add("no load balancer");
            }
            if (settings.faults.brokenRootCa().contains(s.name())) {
                faults.add("root CA broken");
            }
            for (OfflineFault f : settings.faults.offline()) {
                if (f.cluster().equals(s.name())) {
                    faults.add(f.describe());
                }
            }
            result.add(new DemoCluster(s.name(), i, s.url(), DemoRegions.region(i), DemoRegions.zones(i),
                    gateways.isEmpty() ? null : gateways.get(i - 1).endpoint(), faults));
        }
        return result;
    }

    public DemoFaults faults() {
        return settings.faults;
    }

    public Path kubeconfig() {
        return settings.kubeconfig;
    }

    /**
     * Deletes the kubeconfig this demo wrote, if it still holds what was written (its servers are gone once the demo
     * stops); a file someone changed since is left alone.
     *
     * @return whether it was deleted
     */
    public boolean removeKubeconfig() {
        try {
            if (kubeconfigText != null && Files.isRegularFile(settings.kubeconfig)
                    && Files.readString(settings.kubeconfig).equals(kubeconfigText)) {
                Files.delete(settings.kubeconfig);
                return true;
            }
        } catch (IOException e) {
            // leave it: a stale demo kubeconfig is harmless and overwritten by the next demo
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (faultTimer != null) {
            faultTimer.shutdownNow();
        }
        controlPlanes.forEach(SimulatedControlPlane::close);
        for (AutoCloseable c : controllers) {
            try {
                c.close();
            } catch (Exception e) {
                // closing everything matters more than one failure
            }
        }
        servers.forEach(DemoApiServer::close);
        gateways.forEach(GatewayStatusServer::close);
    }
}
