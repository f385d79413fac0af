package dev.crossmesh.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A demo gateway's status port: answers {@code GET /healthz/ready} with 200 once a gateway pod is ready and 503
 * before, as Envoy does on 15021, so that a status probe gets a real HTTP answer from a simulated gateway.
 * It lives on its own, like a load balancer: it keeps answering while the cluster's API server is offline.
 */
final class GatewayStatusServer implements AutoCloseable {
    private static final int LAST_LOOPBACK = 254;

    private final HttpServer server;
    private final GatewayEndpoint endpoint;
    private volatile boolean ready;

    private GatewayStatusServer(HttpServer server, GatewayEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        server.createContext("/", this::handle);
        server.start();
    }

    GatewayEndpoint endpoint() {
        return endpoint;
    }

    void ready(boolean value) {
        ready = value;
    }

    boolean ready() {
        return ready;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean readiness = "/healthz/ready".equals(exchange.getRequestURI().getPath());
            int code;
            String body;
            if (!readiness) {
                code = 404;
                body = "not found: this demo gateway serves /healthz/ready only\n";
            } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
                code = 405;
                body = "method not allowed\n";
            } else if (ready) {
                code = 200;
                body = "";
            } else {
                code = 503;
                body = "no ready gateway pod\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            boolean head = "HEAD".equals(method);
            exchange.sendResponseHeaders(code, head || bytes.length == 0 ? -1 : bytes.length);
            if (!head && bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /**
     * Binds one status server per gateway. With {@link GatewayAddressing#LOOPBACK_RANGE}, the n-th gateway gets the
     * n-th free address from 127.0.0.2 on, port 15021 (an address whose 15021 is taken, e.g. by another demo, is
     * skipped, so two demos on one machine never share one). Where the range is not routed, every remaining gateway
     * falls back to a free port on 127.0.0.1.
     */
    static List<GatewayStatusServer> bind(int count, GatewayAddressing addressing) throws IOException {
        List<GatewayStatusServer> servers = new ArrayList<>();
        boolean rangeUsable = addressing == GatewayAddressing.LOOPBACK_RANGE;
        int next = 2;
        try {
            for (int i = 0; i < count; i++) {
                GatewayStatusServer server = null;
                while (rangeUsable && server == null) {
                    if (next > LAST_LOOPBACK) {
                        rangeUsable = false;
                        break;
                    }
                    InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) next});
                    next++;
                    try {
                        server = new GatewayStatusServer(HttpServer.create(new InetSocketAddress(address, GatewayEndpoint.STANDARD_STATUS_PORT), 16),
                                new GatewayEndpoint(address.getHostAddress(), GatewayEndpoint.STANDARD_STATUS_PORT));
                    } catch (BindException e) {
                        rangeUsable = routable(address);
                    }
                }
                if (server == null) {
                    InetSocketAddress any = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
                    HttpServer http = HttpServer.create(any, 16);
                    server = new GatewayStatusServer(http, new GatewayEndpoint("127.0.0.1", http.getAddress().getPort()));
                }
                servers.add(server);
            }
            return servers;
        } catch (IOException | RuntimeException e) {
            servers.forEach(GatewayStatusServer::close);
            throw e;
        }
    }

    /** Whether this machine can listen on the address at all (only the port being taken is worth trying the next one). */
    private static boolean routable(InetAddress address) {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
