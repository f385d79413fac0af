package dev.crossmesh.kube;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

/**
 * One fabric8 client per kubeconfig context, made on first use and closed together. Timeouts are short and
 * retries few, so that a dead VPN or a stopped cluster fails in seconds rather than the client's default minutes.
 * <p>
 * The clients share one Vert.x instance (its event loops carry every cluster's connections) and one pool for their
 * informers' and callbacks' work. Left to itself, fabric8 gives each client a Vert.x of its own (event loops, blocking
 * pool and a checker thread) and a thread pool of its own: a process watching 10 clusters had 133 threads and 408 MB
 * resident; with them shared, 53 threads and 303 MB (the benchmark's memory part, README "Performance").
 */
public final class ClusterClients implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /**
     * The first wait before a closed watch is opened again (it doubles on each failure). fabric8's 1 s default made
     * every watch a server ended, or a restart of the API server, a gap of a second or more in the live status.
     */
    private static final int WATCH_RECONNECT_INTERVAL_MILLIS = 250;
    /** Vert.x reads this when it starts: the JDK's resolver then finds hosts as every other program does (/etc/hosts, the OS's DNS). */
    private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Event loops for every cluster's connections: what 2 cores can run; the calls are I/O, not computation. */
    private static final int EVENT_LOOPS = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors()));
    private static final int BLOCKING_THREADS = 2;
    /** How long an idle task thread stays: the bursts (connecting, a re-list) are seconds apart, the quiet hours long. */
    private static final long TASK_THREAD_IDLE_SECONDS = 10;

    private final Kubeconfigs kubeconfigs;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();
    private Vertx vertx;
    private ExecutorService tasks;
    /**
     * One JSON mapper for every cluster's client: fabric8 otherwise gives each client its own, and each caches its own
     * deserializers for the model classes (about 4 MB of Jackson introspection per cluster watched).
     */
    private KubernetesSerialization serialization;

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
        config.setWatchReconnectInterval(WATCH_RECONNECT_INTERVAL_MILLIS);
        KubernetesClient client;
        synchronized (this) {
            if (vertx == null) {
                vertx = newVertx();
                tasks = newTaskPool();
                serialization = new KubernetesSerialization();
            }
            client = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
                    .withTaskExecutor(tasks).withKubernetesSerialization(serialization).build();
        }
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
        synchronized (this) {
            if (vertx != null) {
                vertx.close();
                tasks.shutdown();
                vertx = null;
                tasks = null;
            }
        }
    }

    /** Made as fabric8 makes the Vert.x of a client of its own: daemon threads, no file caching, the JDK's resolver. */
    private static Vertx newVertx() {
        String before = System.getProperty(DISABLE_DNS_RESOLVER);
        System.setProperty(DISABLE_DNS_RESOLVER, "true");
        try {
            // Vert.x's defaults are sized for servers (20 worker and 20 internal blocking threads, kept for good):
            // the JDK resolver's lookups alone filled all 20 internal ones while 10 clusters connected
            return Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(EVENT_LOOPS)
                    .setWorkerPoolSize(BLOCKING_THREADS).setInternalBlockingPoolSize(BLOCKING_THREADS)
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        } finally {
            if (before == null) {
                System.clearProperty(DISABLE_DNS_RESOLVER);
            } else {
                System.setProperty(DISABLE_DNS_RESOLVER, before);
            }
        }
    }

    /**
     * Threads come when work does, as in fabric8's own pool per client (informers' handlers may block, so the pool is
     * not bounded), and go after a few seconds idle instead of a minute, so a settled watch holds few of them.
     */
    private static ExecutorService newTaskPool() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, TASK_THREAD_IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "crossmesh-kube-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
