package dev.crossmesh.demo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import dev.crossmesh.demo.traffic.ExecResult;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A pod's exec over the {@code v4.channel.k8s.io} WebSocket: the command runs on a thread of its own (it reads the
 * clusters through their API servers, which must not wait for the event loop that carries this socket), its output
 * and final Status are sent as channel messages, and the socket is closed, as the kubelet does.
 */
final class ExecWebSocket extends WebSocketListener {
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crossmesh-demo-exec");
        t.setDaemon(true);
        return t;
    });

    static final java.util.List<String> PROTOCOLS = java.util.List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    private final Supplier<ExecResult> command;

    private ExecWebSocket(Supplier<ExecResult> command) {
        this.command = command;
    }

    /**
     * The upgrade, or the 404 an API server answers before upgrading when the pod does not exist.
     *
     * @param lookup the HTTP status of a GET of a path on this API server
     */
    static MockResponse answer(String path, String offeredProtocols, ToIntFunction<String> lookup, Supplier<ExecResult> command) {
        String podPath = path.split("\\?")[0];
        podPath = podPath.substring(0, podPath.lastIndexOf("/exec"));
        if (lookup.applyAsInt(podPath) == 404) {
            String pod = podPath.substring(podPath.lastIndexOf('/') + 1);
            return new MockResponse().setResponseCode(404).setBody(Serialization.asJson(java.util.Map.of("kind", "Status", "apiVersion", "v1",
                    "status", "Failure", "message", "pods \"" + pod + "\" not found", "reason", "NotFound", "code", 404)));
        }
        MockResponse upgrade = new MockResponse().withWebSocketUpgrade(new ExecWebSocket(command));
        // a client offers channel protocols (kubectl 1.30+: v5 only; fabric8: v4) and gives up on a socket whose
        // answer names none of them; the messages sent here are the same in both (v5 only adds a close signal for
        // stdin, which these commands do not read)
        java.util.List<String> offered = offeredProtocols == null ? java.util.List.of()
                : java.util.Arrays.stream(offeredProtocols.split(",")).map(String::strip).toList();
        PROTOCOLS.stream().filter(offered::contains).findFirst().ifPresent(p -> upgrade.setHeader("Sec-WebSocket-Protocol", p));
        return upgrade;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        RUNNER.execute(() -> {
            try {
                for (byte[] message : command.get().channelMessages()) {
                    webSocket.send(message);
                }
            } finally {
                webSocket.close(1000, "");
            }
        });
    }
}
