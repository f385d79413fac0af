package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import dev.crossmesh.demo.traffic.ForwardedConnection;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A pod's port-forward over the {@code v4.channel.k8s.io} WebSocket, as the kubelet streams one port: channel 0 carries
 * the connection's data both ways, channel 1 its errors, and each channel first announces the port (two bytes, little
 * endian). The pod's side ({@link ForwardedConnection}) runs off the event loop, one message after the other.
 */
final class PortForwardWebSocket extends WebSocketListener {
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crossmesh-demo-portforward");
        t.setDaemon(true);
        return t;
    });
    private static final byte DATA = 0;
    private static final byte ERROR = 1;

    private final int port;
    private final Supplier<ForwardedConnection> connect;
    /** The connection's work so far: each message runs after the one before. */
    private CompletableFuture<ForwardedConnection> connection;

    private PortForwardWebSocket(int port, Supplier<ForwardedConnection> connect) {
        this.port = port;
        this.connect = connect;
    }

    static MockResponse answer(String path, Supplier<ForwardedConnection> connect) {
        String ports = path.replaceFirst("^.*[?&]ports=([0-9]+).*$", "$1");
        return new MockResponse().withWebSocketUpgrade(new PortForwardWebSocket(Integer.parseInt(ports), connect));
    }

    @Override
    public synchronized void onOpen(WebSocket webSocket, Response response) {
        webSocket.send(new byte[] {DATA, (byte) (port & 0xff), (byte) (port >> 8)});
        webSocket.send(new byte[] {ERROR, (byte) (port & 0xff), (byte) (port >> 8)});
        connection = CompletableFuture.supplyAsync(connect, RUNNER).whenComplete((c, failure) -> {
            String refusal = failure != null ? "the demo could not connect the port: " + failure.getMessage() : c.refusal();
            if (!refusal.isEmpty()) {
                webSocket.send(message(ERROR, refusal.getBytes(StandardCharsets.UTF_8)));
                webSocket.close(1000, "");
            }
        });
    }

    @Override
    public synchronized void onMessage(WebSocket webSocket, byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != DATA || connection == null) {
            return; // nothing but data comes from the client on a forwarded port
        }
        byte[] data = Arrays.copyOfRange(bytes, 1, bytes.length);
        connection = connection.thenApplyAsync(c -> {
            byte[] reply = c.receive(data);
            if (reply.length > 0) {
                webSocket.send(message(DATA, reply));
            }
            if (c.closed()) {
                webSocket.close(1000, "");
            }
            return c;
        }, RUNNER);
    }

    private static byte[] message(byte channel, byte[] body) {
        byte[] message = new byte[body.length + 1];
        message[0] = channel;
        System.arraycopy(body, 0, message, 1, body.length);
        return message;
    }
}
