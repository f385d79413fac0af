package dev.crossmesh.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** What an east-west gateway answers on its status port: {@code /healthz/ready} with a code the test chooses. */
final class FakeGatewayStatus implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger code = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();

    private FakeGatewayStatus(HttpServer server) {
        this.server = server;
        server.createContext("/healthz/ready", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(code.get(), -1);
            exchange.close();
        });
        server.start();
    }

    /** On 127.0.0.1 and a free port: the test puts the port in the crossmesh.dev/status-port annotation. */
    static FakeGatewayStatus onFreePort() {
        return on("127.0.0.1", 0);
    }

    static FakeGatewayStatus on(String address, int port) {
        try {
            return new FakeGatewayStatus(HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String address() {
        return server.getAddress().getAddress().getHostAddress();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void answer(int httpCode) {
        code.set(httpCode);
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
