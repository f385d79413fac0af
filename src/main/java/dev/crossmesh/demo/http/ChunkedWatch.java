package dev.crossmesh.demo.http;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Watches over plain HTTP (a GET with {@code watch=true} and no Upgrade), as kubectl get -w and client-go send them:
 * one JSON event a line on a chunked response. fabric8's mock serves watches only over WebSocket and its HTTP layer
 * answers with a whole body, so the demo's HTTP server hands these requests here: the mock's own watch (found by
 * dispatching the request) feeds the stream. A watch from a resourceVersion sends only what changed after it; without
 * one (or from 0) it first sends every current object as ADDED; {@code allowWatchBookmarks} adds BOOKMARK events;
 * {@code timeoutSeconds} ends it.
 */
public final class ChunkedWatch {
    static final long BOOKMARK_MILLIS = 5_000;
    private static final List<String> WATCH_PARAMETERS = List.of("watch", "resourceVersion", "resourceVersionMatch", "timeoutSeconds",
            "allowWatchBookmarks", "sendInitialEvents");

    private final ResponseFinish dispatcher;
    /** The exec channel protocols the demo's exec socket speaks (their messages are the same for what it runs). */
    private static final java.util.List<String> EXEC_PROTOCOLS = java.util.List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    private final Vertx vertx;

    private ChunkedWatch(ResponseFinish dispatcher, Vertx vertx) {
        this.dispatcher = dispatcher;
        this.vertx = vertx;
    }

    /**
     * Makes the HTTP server that {@code server} starts pass chunked watches to {@code dispatcher}; call before
     * {@code start}. The mock web server takes no handler of its own, so its Vert.x instance is wrapped to hand one in.
     */
    public static void serveOn(MockWebServer server, ResponseFinish dispatcher) {
        try {
            Field field = MockWebServer.class.getDeclaredField("vertx");
            field.setAccessible(true);
            Vertx real = (Vertx) field.get(server);
            if (Proxy.isProxyClass(real.getClass())) {
                return;
            }
            ChunkedWatch watch = new ChunkedWatch(dispatcher, real);
            field.set(server, proxy(Vertx.class, real, (method, args) -> {
                if (!method.getName().equals("createHttpServer")) {
                    return Optional.empty();
                }
                if (args != null && args.length == 1 && args[0] instanceof io.vertx.core.http.HttpServerOptions options) {
                    // kubectl 1.30+ offers only v5.channel.k8s.io for exec and drops a socket whose handshake names
                    // none; Vert.x names the one both sides know when it is told which the server speaks
                    options.setWebSocketSubProtocols(EXEC_PROTOCOLS);
                }
                return Optional.of(watch.server((HttpServer) invoke(real, method, args)));
            }));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot serve watches over HTTP on this mock web server: " + e, e);
        }
    }

    private HttpServer server(HttpServer real) {
        return proxy(HttpServer.class, real, (method, args) -> {
            if (method.getName().equals("requestHandler") && args != null && args.length == 1) {
                @SuppressWarnings("unchecked")
                Handler<HttpServerRequest> mock = (Handler<HttpServerRequest>) args[0];
                real.requestHandler(request -> {
                    if (isChunkedWatch(request)) {
                        serve(request);
                    } else {
                        mock.handle(request);
                    }
                });
                return Optional.of(real);
            }
            return Optional.empty();
        });
    }

    static boolean isChunkedWatch(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        if (request.method() != io.vertx.core.http.HttpMethod.GET || (upgrade != null && !upgrade.isEmpty())) {
            return false;
        }
        return ApiPath.parse(request.uri()).map(ApiPath::watch).orElse(false);
    }

    private void serve(HttpServerRequest request) {
        Headers.Builder headers = Headers.builder();
        request.headers().forEach(e -> headers.add(e.getKey(), e.getValue()));
        RecordedRequest recorded = new RecordedRequest("GET " + request.uri() + " HTTP/1.1", HttpMethod.GET, request.uri(), headers.build(),
                new Buffer());
        MockResponse answer = dispatcher.dispatch(recorded);
        HttpServerResponse response = request.response();
        if (answer.getWebSocketListener() == null) {
            ContentTypes.typed(answer);
            response.setStatusCode(answer.code());
            answer.getHeaders().toMultimap().forEach((k, v) -> response.headers().add(k, v));
            response.end(io.vertx.core.buffer.Buffer.buffer(answer.getBody() == null ? new byte[0] : answer.getBody().getBytes()));
            return;
        }
        ApiPath path = ApiPath.parse(request.uri()).orElseThrow();
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", streamType(request.getHeader("Accept")))
                .putHeader("Cache-Control", "no-cache, private");
        new Stream(recorded, path, response, answer.getWebSocketListener(), answer).open();
    }

    /** JSON, as kube-apiserver names a JSON watch, or the stream type the client asked for by name. */
    static String streamType(String accept) {
        return accept != null && accept.replace(" ", "").contains(ContentTypes.JSON + ";stream=watch") ? ContentTypes.JSON + ";stream=watch"
                : ContentTypes.JSON;
    }

    /** One watch's response, which the mock's watch writes into as if it were a WebSocket. */
    private final class Stream implements WebSocket {
        private final RecordedRequest request;
        private final ApiPath path;
        private final HttpServerResponse response;
        private final WebSocketListener watch;
        private final MockResponse answer;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final boolean table;
        private final Optional<ResourceType> type;
        private long after;
        private long newest;
        private long bookmarks = -1;
        private long timeout = -1;

        Stream(RecordedRequest request, ApiPath path, HttpServerResponse response, WebSocketListener watch, MockResponse answer) {
            this.request = request;
            this.path = path;
            this.response = response;
            this.watch = watch;
            this.answer = answer;
            this.table = ContentTypes.wantsTable(request.getHeader("Accept"));
            this.type = dispatcher.type(path);
        }

        void open() {
            long from = version(path.query().get("resourceVersion"));
            List<Object> current = current();
            long listed = current.stream().mapToLong(o -> version(Json.string(o, "metadata", "resourceVersion"))).max().orElse(0);
            newest = Math.max(from, listed);
            boolean initial = from == 0 || "true".equals(path.query().get("sendInitialEvents"));
            for (Object object : current) {
                if (initial || version(Json.string(object, "metadata", "resourceVersion")) > from) {
                    write("ADDED", Json.object(object));
                }
            }
            after = newest; // what the mock's watch sends again on open is what was just sent
            boolean bookmarksAllowed = "true".equals(path.query().get("allowWatchBookmarks"));
            if (bookmarksAllowed) {
                bookmark("true".equals(path.query().get("sendInitialEvents")));
                bookmarks = vertx.setPeriodic(BOOKMARK_MILLIS, id -> bookmark(false));
            }
            long seconds = version(path.query().get("timeoutSeconds"));
            if (seconds > 0) {
                timeout = vertx.setTimer(seconds * 1000, id -> close(1000, "timeout"));
            }
            response.closeHandler(v -> close(1000, "client closed"));
            watch.onOpen(this, answer);
        }

        /** The objects the watch starts from, read as a list of the same path and selectors. */
        private List<Object> current() {
            Map<String, String> query = new LinkedHashMap<>(path.query());
            WATCH_PARAMETERS.forEach(query::remove);
            String listPath = request.getPath().split("\\?", 2)[0] + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
            Headers.Builder headers = Headers.builder();
            request.getHeaders().toMultimap().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Accept")) {
                    v.forEach(value -> headers.add(k, value));
                }
            });
            headers.add("Accept", ContentTypes.JSON);
            MockResponse list = dispatcher.dispatch(new RecordedRequest("GET " + listPath + " HTTP/1.1", HttpMethod.GET, listPath,
                    headers.build(), new Buffer()));
            if (list.code() != 200 || list.getBody() == null) {
                return List.of();
            }
            try {
                Map<String, Object> body = Json.object(Json.parse(list.getBody().getBytes()));
                List<Object> items = body == null ? null : Json.list(body.get("items"));
                return items != null ? items : body != null && body.containsKey("metadata") ? List.of(body) : List.of();
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }

        private void bookmark(boolean initialEventsEnd) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("resourceVersion", String.valueOf(newest));
            if (initialEventsEnd) {
                metadata.put("annotations", Map.of("k8s.io/initial-events-end", "true"));
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("kind", type.map(ResourceType::kind).orElse(""));
            object.put("apiVersion", type.map(ResourceType::apiVersion).orElse(path.version()));
            object.put("metadata", metadata);
            line(event("BOOKMARK", object));
        }

        private void write(String eventType, Map<String, Object> object) {
            if (object == null) {
                return;
            }
            synchronized (this) {
                newest = Math.max(newest, version(Json.string(object, "metadata", "resourceVersion")));
            }
            Object shown = table && type.isPresent() ? TableResponses.table(object, type.get(),
                    path.query().getOrDefault("includeObject", "Metadata"), java.time.Instant.now()) : object;
            line(event(eventType, shown));
        }

        private synchronized void line(Map<String, Object> event) {
            if (!closed.get()) {
                try {
                    response.write(Json.text(event) + "\n");
                } catch (IllegalStateException e) {
                    vertx.runOnContext(v -> close(1000, "client gone")); // the connection closed under the write
                }
            }
        }

        @Override
        public RecordedRequest request() {
            return request;
        }

        /** An event from the mock's watch. */
        @Override
        public boolean send(String text) {
            Map<String, Object> event;
            try {
                event = Json.object(Json.parse(text));
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (event == null) {
                return false;
            }
            String eventType = String.valueOf(event.get("type"));
            Map<String, Object> object = Json.object(event.get("object"));
            if ("ADDED".equals(eventType) && object != null && version(Json.string(object, "metadata", "resourceVersion")) <= after) {
                return true; // sent already, or older than the resourceVersion the client asked to start after
            }
            write(eventType, object);
            return true;
        }

        @Override
        public boolean send(byte[] bytes) {
            return send(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public boolean close(int code, String reason) {
            if (closed.compareAndSet(false, true)) {
                if (bookmarks >= 0) {
                    vertx.cancelTimer(bookmarks);
                }
                if (timeout >= 0) {
                    vertx.cancelTimer(timeout);
                }
                try {
                    response.end();
                } catch (IllegalStateException e) {
                    // the client went first
                }
                watch.onClosed(this, code, reason);
            }
            return true;
        }
    }

    private static Map<String, Object> event(String type, Object object) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("object", object);
        return event;
    }

    private static long version(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private interface Replacement {
        Optional<Object> apply(Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T real, Replacement override) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? self == args[0] : invoke(real, method, args);
            }
            Optional<Object> replaced = override.apply(method, args);
            if (replaced.isPresent()) {
                return replaced.get() == real ? self : replaced.get();
            }
            Object result = invoke(real, method, args);
            return result == real ? self : result;
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
