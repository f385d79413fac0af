package dev.crossmesh.demo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * Hands a watch's close to a thread of its own. fabric8's mock closes a watch by waiting for the watch's sender to
 * finish, on the server's event loop; a sender busy writing to that same socket waits for the event loop, so both
 * stood still for 30 s (the sender's write timeout) and so did every other request on that loop. A client that
 * closes its watches while events flow (an informer restarted, a cluster reconnecting) made the demo cluster hang.
 */
final class WatchCloseOffEventLoop extends WebSocketListener {
    private static final ExecutorService CLOSER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crossmesh-demo-watch-close");
        t.setDaemon(true);
        return t;
    });

    private final WebSocketListener watch;

    WatchCloseOffEventLoop(WebSocketListener watch) {
        this.watch = watch;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        watch.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        watch.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        watch.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        watch.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        watch.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] bytes) {
        watch.onPing(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        watch.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        CLOSER.execute(() -> {
            try {
                watch.onClosed(webSocket, code, reason);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the server stopped meanwhile: its event loop is gone and so is the socket there was to close
            }
        });
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        CLOSER.execute(() -> watch.onFailure(webSocket, t, response));
    }
}
