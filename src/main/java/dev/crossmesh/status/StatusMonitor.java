package dev.crossmesh.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;

/**
 * Watches every cluster of a plan and publishes immutable {@link MeshStatus} snapshots.
 * <p>
 * Per cluster, fabric8 informers on narrow selectors in istio-system feed caches; their event handlers only mark the
 * cluster dirty. One scheduler thread builds snapshots from the caches, at most one per {@link Options#coalesce()}
 * however many events arrive, and publishes one only when something changed. Subscribers are called on that thread:
 * keep them short (the GUI hands the snapshot to {@code Platform.runLater}). A cluster that goes away is shown
 * reconnecting, then offline, and comes back by itself; an unknown context is shown offline and retried.
 * <p>
 * The monitor does not own the {@link ClusterClients}: close them after the monitor.
 */
public final class StatusMonitor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatusMonitor.class.getName());
    private static final long TICK_MILLIS = 250;
    /** Gateway API versions that answered 404 are asked again this many retry intervals later (30 s by default). */
    private static final int UNSERVED_RECHECK_RETRIES = 6;

    /**
     * @param coalesce      at most one snapshot per this period (default 250 ms)
     * @param probeInterval how often each gateway is probed (default 5 s)
     * @param probeTimeout  how long a probe waits for an answer (default 1.5 s)
     * @param offlineAfter  how long a synced cluster may be disconnected before it shows offline rather than
     *                      reconnecting (default 10 s)
     * @param retryInterval how often a context that could not be loaded is tried again (default 5 s); a Gateway API
     *                      version the server does not serve is asked again every six intervals
     */
    public record Options(Duration coalesce, Duration probeInterval, Duration probeTimeout, Duration offlineAfter, Duration retryInterval) {
        public Options {
            Objects.requireNonNull(coalesce);
            Objects.requireNonNull(probeInterval);
            Objects.requireNonNull(probeTimeout);
            Objects.requireNonNull(offlineAfter);
            Objects.requireNonNull(retryInterval);
        }

        public static Options defaults() {
            return new Options(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(1500), Duration.ofSeconds(10), Duration.ofSeconds(5));
        }

        public Options withCoalesce(Duration value) {
            return new Options(value, probeInterval, probeTimeout, offlineAfter, retryInterval);
        }

        public Options withProbeInterval(Duration value) {
            return new Options(coalesce, value, probeTimeout, offlineAfter, retryInterval);
        }

        public Options withProbeTimeout(Duration value) {
            return new Options(coalesce, probeInterval, value, offlineAfter, retryInterval);
        }

        public Options withOfflineAfter(Duration value) {
            return new Options(coalesce, probeInterval, probeTimeout, value, retryInterval);
        }

        public Options withRetryInterval(Duration value) {
            return new Options(coalesce, probeInterval, probeTimeout, offlineAfter, value);
        }
    }

    /** Stops the deliveries to one subscriber. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final MeshPlan plan;
    private final ClusterClients clients;
    private final Options options;
    private final Clock clock = Clock.systemUTC();
    private final List<ClusterWatch> watches = new ArrayList<>();
    /** The one thread that builds and publishes snapshots and calls subscribers. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("crossmesh-status"));
    /**
     * Makes clients and (re)starts informers, which may read files or run credential plugins: kept off the scheduler.
     * Clusters connect in parallel: starting an informer does blocking work, and one slow cluster must not hold up the rest.
     */
    private final ExecutorService connector = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
            daemon("crossmesh-status-connect"));
    private final GatewayProber prober;
    private final ClusterzPoller clusterz;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final Object settleLock = new Object();
    // scheduler thread only
    private final Map<String, ClusterStatus> current = new HashMap<>();
    private long lastUnservedRecheck = System.nanoTime();
    private volatile long lastBuildNanos;
    private volatile MeshStatus latest;
    private volatile boolean closed;

    private StatusMonitor(MeshPlan plan, ClusterClients clients, Options options, boolean listOnce) {
        this.plan = plan;
        this.clients = clients;
        this.options = options;
        this.lastBuildNanos = System.nanoTime() - options.coalesce().toNanos();
        this.prober = new GatewayProber(options.probeInterval(), options.probeTimeout(), clock, this::probeChanged);
        this.clusterz = new ClusterzPoller(options.probeInterval(), this::probeChanged);
        List<ClusterSpec> primaries = plan.primaries();
        for (ClusterSpec c : plan.clusters()) {
            List<String> expected = plan.remoteSecretSources(c).stream().map(ClusterSpec::name).toList();
            watches.add(new ClusterWatch(c, primaries.contains(c), expected, plan.istio(), this::requestSnapshot, listOnce ? connector : null));
        }
    }

    public static StatusMonitor start(MeshPlan plan, ClusterClients clients) {
        return start(plan, clients, Options.defaults());
    }

    /** Starts watching every cluster of the plan; returns at once with a first snapshot where every cluster is connecting. */
    public static StatusMonitor start(MeshPlan plan, ClusterClients clients, Options options) {
        StatusMonitor monitor = new StatusMonitor(plan, clients, options, false);
        monitor.begin();
        return monitor;
    }

    private static final Duration ONCE_COALESCE = Duration.ofMillis(5);

    /**
     * The status of every cluster of the plan once, as {@code crossmesh status} without {@code --watch} prints it: the
     * same objects, checks, probes and findings as a watching monitor's settled snapshot, but each selection is listed
     * once rather than watched (a watch costs a list, a connection and threads per selection, and a one-shot command
     * throws them away), within {@code timeout} (clusters that have not answered by then show as connecting).
     */
    public static MeshStatus once(MeshPlan plan, ClusterClients clients, Duration timeout) throws InterruptedException {
        // no coalescing: a watch coalesces to spare the live view bursts of snapshots, but one answer leads to the
        // next here (lists, then the gateways' probes, then istiod's clusterz), and 250 ms each added a second
        try (StatusMonitor monitor = new StatusMonitor(plan, clients, Options.defaults().withCoalesce(ONCE_COALESCE), true)) {
            monitor.begin();
            return monitor.awaitSettled(timeout);
        }
    }

    private void begin() {
        try {
            scheduler.submit(this::snapshot).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot build the first status snapshot", e.getCause());
        }
        long now = System.nanoTime();
        for (ClusterWatch w : watches) {
            w.noteConnectAttempt(now);
            connector.execute(() -> w.connect(clients));
        }
        scheduler.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public MeshPlan plan() {
        return plan;
    }

    public Options options() {
        return options;
    }

    /** The newest snapshot; never null. */
    public MeshStatus latest() {
        return latest;
    }

    /** How many snapshots have been published (the first included). */
    public long snapshotCount() {
        return published.get();
    }

    /**
     * Calls {@code subscriber} with the latest snapshot and then with every new one, on the monitor's thread, in order.
     * A subscriber that throws is logged and kept.
     */
    public Subscription subscribe(Consumer<MeshStatus> subscriber) {
        Subscriber s = new Subscriber(subscriber);
        subscribers.add(s);
        try {
            scheduler.execute(() -> {
                MeshStatus now = latest;
                if (now != null && subscribers.contains(s)) {
                    s.deliver(now);
                }
            });
        } catch (RejectedExecutionException closing) {
            // closed: nothing more will come
        }
        return () -> subscribers.remove(s);
    }

    /**
     * Waits until no cluster is still connecting (each is synced, reconnecting or offline) and every gateway with an
     * address has had its first probe, or until the timeout; returns the latest snapshot either way.
     */
    public MeshStatus awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settleLock) {
            while (true) {
                MeshStatus s = latest;
                if (closed || s.settled() && !prober.anyWaiting() && !clusterz.anyWaiting() && !scheduled.get()) {
                    return s;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return s;
                }
                // woken by every publish; the cap covers a probe answer that changed nothing worth publishing
                settleLock.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    /** Called from informer and probe threads: records that a snapshot is due, and schedules it within the coalescing period. */
    private void requestSnapshot() {
        if (closed || !scheduled.compareAndSet(false, true)) {
            return;
        }
        long wait = lastBuildNanos + options.coalesce().toNanos() - System.nanoTime();
        try {
            scheduler.schedule(this::snapshot, Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            scheduled.set(false);
        }
    }

    /**
     * When the clusters were last checked: the newest gateway probe (they run every probe interval, so this stays
     * recent while the monitor works even when nothing changes), else the newest snapshot. Null before either.
     */
    public Instant lastChecked() {
        Instant probed = prober.lastResultAt();
        MeshStatus shown = latest;
        Instant built = shown == null ? null : shown.at();
        if (probed == null) {
            return built;
        }
        return built == null || probed.isAfter(built) ? probed : built;
    }

    private void probeChanged(String cluster) {
        watches.stream().filter(w -> w.name().equals(cluster)).findFirst().ifPresent(ClusterWatch::markDirty);
    }

    /** Lifecycle check: informers change state (disconnect, reconnect) without events. Reads local state only. */
    private void tick() {
        try {
            long nanos = System.nanoTime();
            Instant now = clock.instant();
            boolean changed = false;
            for (ClusterWatch w : watches) {
                if (!w.hasClient() && nanos - w.lastConnectAttempt() >= options.retryInterval().toNanos()) {
                    w.noteConnectAttempt(nanos);
                    connector.execute(() -> w.connect(clients));
                }
                ConnectionState state = w.observe(now, options.offlineAfter());
                if ((state == ConnectionState.RECONNECTING || state == ConnectionState.OFFLINE) && w.hasClient()
                        && nanos - w.lastReviveAttempt() >= options.retryInterval().toNanos()) {
                    w.noteReviveAttempt(nanos);
                    connector.execute(w::reviveIfReachable);
                }
                ClusterStatus shown = current.get(w.name());
                changed |= shown == null || shown.state() != state || !shown.stateDetail().equals(w.detail(state));
            }
            if (nanos - lastUnservedRecheck >= options.retryInterval().toNanos() * UNSERVED_RECHECK_RETRIES) {
                lastUnservedRecheck = nanos;
                for (ClusterWatch w : watches) {
                    connector.execute(w::recheckUnservedVersions);
                }
            }
            if (changed) {
                requestSnapshot();
            }
        } catch (RejectedExecutionException closing) {
            // closing
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "status lifecycle check failed", e);
        }
    }

    private void snapshot() {
        scheduled.set(false);
        lastBuildNanos = System.nanoTime();
        try {
            Instant now = clock.instant();
            List<ClusterStatus> clusters = new ArrayList<>(watches.size());
            for (ClusterWatch w : watches) {
                ConnectionState state = w.observe(now, options.offlineAfter());
                String detail = w.detail(state);
                ClusterStatus before = current.get(w.name());
                ClusterStatus next = before;
                if (w.takeDirty() || before == null || before.state() != state || !before.stateDetail().equals(detail)) {
                    next = w.build(state, detail, gateway -> {
                        prober.target(w.name(), gateway.address(), gateway.statusPort(), gateway.noAddressReason());
                        return prober.result(w.name());
                    }, clusterz);
                    next = before != null && next.sameContent(before) ? before : next.withLastChange(now);
                }
                current.put(w.name(), next);
                clusters.add(next);
            }
            MeshStatus status = new MeshStatus(plan.meshId(), now, clusters, StatusChecks.check(plan, clusters));
            if (status.sameContent(latest)) {
                return;
            }
            latest = status;
            published.incrementAndGet();
            for (Subscriber s : subscribers) {
                s.deliver(status);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "building a status snapshot failed", e);
        } finally {
            synchronized (settleLock) {
                settleLock.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        connector.shutdownNow();
        prober.close();
        clusterz.close();
        watches.forEach(ClusterWatch::close);
        synchronized (settleLock) {
            settleLock.notifyAll();
        }
    }

    /** Threads of the monitor and its probes: daemons, so that a status left open never keeps the JVM alive. */
    /** A pool of at most {@code threads} daemon threads that go when idle for seconds: probes come in bursts. */
    static ExecutorService idling(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 5, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                daemon(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Remembers what it last delivered, so that subscribing while a snapshot is published does not deliver it twice. */
    private static final class Subscriber {
        private final Consumer<MeshStatus> consumer;
        private MeshStatus last;

        Subscriber(Consumer<MeshStatus> consumer) {
            this.consumer = consumer;
        }

        void deliver(MeshStatus status) {
            if (status == last) {
                return;
            }
            last = status;
            try {
                consumer.accept(status);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a status subscriber failed", e);
            }
        }
    }
}
