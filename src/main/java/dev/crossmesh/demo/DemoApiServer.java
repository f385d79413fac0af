package dev.crossmesh.demo;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

import dev.crossmesh.demo.http.ChunkedWatch;
import dev.crossmesh.demo.http.ResponseFinish;
import dev.crossmesh.demo.http.ServedTypes;
import dev.crossmesh.demo.traffic.MeshTraffic;
import dev.crossmesh.demo.traffic.TrafficCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * One demo cluster's API server: a fabric8 mock server in CRUD mode over HTTPS on loopback. Its data outlives
 * {@link #stop()}, so a stopped cluster comes back with everything it had, on the same port.
 */
public final class DemoApiServer implements AutoCloseable, TrafficCluster {
    public static final String DEFAULT_KUBERNETES_VERSION = "v1.30.4";
    /** The mock web server logs every request at INFO through java.util.logging; held here so the setting sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final String name;
    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    private final DemoDispatcher dispatcher = new DemoDispatcher(expectations);
    private KubernetesMockServer server;
    private MockWebServer webServer;
    private KubernetesClient admin;
    private int port;

    public DemoApiServer(String name) {
        this.name = name;
    }

    /** Starts on a free port, or on the port it had before when restarted. */
    public synchronized DemoApiServer start() {
        if (server != null) {
            return this;
        }
        // a mock web server cannot be started twice: a new one on every start, over the same dispatcher and data
        webServer = new MockWebServer();
        ResponseFinish http = new ResponseFinish(dispatcher, () -> ServedTypes.of(dispatcher.crds()));
        ChunkedWatch.serveOn(webServer, http);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), webServer, expectations, dispatcher, true);
        VersionInfo version = new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion(DEFAULT_KUBERNETES_VERSION)
                .withPlatform("linux/amd64").build();
        server.setVersionInfo(version);
        server.init(InetAddress.getLoopbackAddress(), port);
        port = server.getPort();
        webServer.setDispatcher(http);
        dispatcher.serving(Serialization.asJson(java.util.Map.of("major", "1", "minor", "30", "gitVersion", DEFAULT_KUBERNETES_VERSION,
                "platform", "linux/amd64", "goVersion", "demo", "compiler", "demo")), "127.0.0.1:" + port);
        return this;
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        KubernetesMockServer stopping = server;
        server = null;
        try {
            stopping.destroy();
        } catch (IllegalStateException e) {
            // Vert.x 5 waits up to 10 s for a WebSocket client (a watch) that does not answer the server's Close, then
            // gives up without closing its Vert.x instance; the port is free by then, so only the threads are left
            closeVertx(webServer);
        }
    }

    private static void closeVertx(MockWebServer webServer) {
        try {
            java.lang.reflect.Field field = MockWebServer.class.getDeclaredField("vertx");
            field.setAccessible(true);
            ((io.vertx.core.Vertx) field.get(webServer)).close();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a few idle threads are all that is lost
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code https://127.0.0.1:PORT}: the address written into the demo kubeconfig. */
    @Override
    public String url() {
        return "https://127.0.0.1:" + port;
    }

    /** The server's self-signed certificate, PEM; what a token Secret's ca.crt holds. */
    public synchronized String certificatePem() {
        try {
            return Files.readString(Path.of(server.getSelfSignedCertificate().certificatePath()));
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }

    /** For tests: the mock server, to set expectations that answer one request with an error. */
    public synchronized KubernetesMockServer mockServer() {
        return server;
    }

    /** Answers pods' exec (and istiod's debug endpoint) from the mesh's simulated data plane. */
    void carry(MeshTraffic traffic) {
        dispatcher.carry(name, traffic);
    }

    /**
     * For tests of missing permissions: the kubeconfig's admin may no longer do a verb on a resource, e.g. ("create", "secrets"):
     * its SelfSubjectAccessReviews say no and its requests get 403. {@link #adminClient()} is not affected.
     */
    public void deny(String verb, String resource) {
        dispatcher.deny(verb, resource);
    }

    /** The bearer token of the demo kubeconfig's admin user ({@code system:masters}); every other token but a service account's gets 401. */
    public String adminToken() {
        return dispatcher.access().adminToken();
    }

    /** What signs this cluster's service-account tokens, for its token controller. */
    dev.crossmesh.demo.auth.ServiceAccountTokens serviceAccountTokens() {
        return dispatcher.access().tokens();
    }

    /**
     * Requests from clients of the kubeconfig (crossmesh, kubectl, tests through {@code ClusterClients}); the demo's own
     * controllers, its simulated control plane and {@link #adminClient()} are not counted, so that a count measures
     * what a command sent.
     */
    public long requestCount() {
        return dispatcher.requestCount();
    }

    /** A client with the cluster's own rights, for the simulated control plane and for tests; not in {@link #requestCount()}. */
    @Override
    public synchronized KubernetesClient adminClient() {
        if (admin == null) {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withTrustCerts(true)
                    .withOauthToken(DemoDispatcher.INTERNAL_TOKEN).withRequestRetryBackoffLimit(1).withConnectionTimeout(3000).build();
            admin = new KubernetesClientBuilder().withConfig(config).build();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        stop();
    }
}
