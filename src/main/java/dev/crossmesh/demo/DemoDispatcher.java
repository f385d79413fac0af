package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;

import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.auth.ApiAccess;
import dev.crossmesh.demo.http.ProtobufBodies;
import dev.crossmesh.demo.http.RequestFront;
import dev.crossmesh.demo.semantics.ApiSemantics;
import dev.crossmesh.demo.semantics.ObjectStore;
import dev.crossmesh.demo.traffic.MeshTraffic;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's CRUD mock with the few API-server behaviours crossmesh relies on and the mock lacks:
 * authentication and RBAC authorization in front of everything ({@link ApiAccess}, which also answers the self-reviews),
 * server-side dry-run ({@code dryRun=All} changes nothing), a PUT that leaves {@code status} alone (as the status subresource of a real
 * API server does: re-applying a Service must not drop its load-balancer address), and discovery of every served
 * version of a CRD (the mock only knows the storage version, so {@code networking.istio.io/v1alpha3} Gateways would
 * be unknown next to v1), and the discovery documents kubectl reads ({@link DemoDiscovery}; answered before expectations).
 * Expectations set on the server still come first, so tests can inject 403/409/500 answers.
 */
final class DemoDispatcher extends KubernetesMixedDispatcher {
    private final AtomicLong requests = new AtomicLong();
    private final ApiSemantics semantics;
    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private volatile String versionJson = "{}";
    private volatile String serverAddress = "127.0.0.1";
    private final ApiAccess access = new ApiAccess(INTERNAL_TOKEN, this::storedJson);
    private volatile MeshTraffic traffic;
    private volatile String cluster = "";

    /** The bearer token of the demo's own clients, whose requests {@link #requestCount()} leaves out. */
    static final String INTERNAL_TOKEN = "demo-internal";
    private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    DemoDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
        this.responses = responses;
        this.semantics = new ApiSemantics(new MockStore());
    }

    /** The CRUD mock under this dispatcher, for the semantics that read and write it directly. */
    private final class MockStore implements ObjectStore {
        @Override
        public MockResponse send(String method, String path, Object body) {
            byte[] bytes = body == null ? new byte[0] : dev.crossmesh.demo.fields.Json.write(body);
            return DemoDispatcher.super.dispatch(new RecordedRequest(method + " " + path + " HTTP/1.1", HttpMethod.valueOf(method), path,
                    Headers.builder().add("Content-Type", "application/json").build(), new Buffer(bytes)));
        }

        @Override
        public List<Collection> namespacedCollections() {
            List<Collection> all = new java.util.ArrayList<>();
            for (ResourceType type : BuiltInResources.all()) {
                if (type.namespaced() && BuiltInResources.stored(type)) {
                    all.add(new Collection(type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version(),
                            type.plural()));
                }
            }
            for (CustomResourceDefinition crd : crds()) {
                if ("Namespaced".equals(crd.getSpec().getScope())) {
                    for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                        if (Boolean.TRUE.equals(v.getServed())) {
                            all.add(new Collection("/apis/" + crd.getSpec().getGroup() + "/" + v.getName(), crd.getSpec().getNames().getPlural()));
                        }
                    }
                }
            }
            return all;
        }
    }

    /** A PATCH sent back through {@link #dispatch} as if the client had sent it, with the client's headers. */
    private ApiSemantics.Redispatch redispatch(RecordedRequest original) {
        return (path, contentType, body) -> {
            Headers.Builder headers = original.getHeaders().newBuilder().removeAll("Content-Length").set("Content-Type", contentType);
            return dispatch(new RecordedRequest("PATCH " + path + " HTTP/1.1", HttpMethod.PATCH, path, headers.build(), new Buffer(body)));
        };
    }

    /** What {@code /version} and {@code /api} tell clients about the server that uses this dispatcher. */
    void serving(String versionJson, String serverAddress) {
        this.versionJson = versionJson;
        this.serverAddress = serverAddress;
    }

    /** The stored object at an object path, or null. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(String objectPath) {
        MockResponse stored = get(objectPath);
        return stored.code() == 200 ? (Map<String, Object>) dev.crossmesh.demo.fields.Json.parse(utf8(stored.getBody())) : null;
    }

    List<CustomResourceDefinition> crds() {
        MockResponse list = get(CRD_PATH);
        if (list.code() != 200) {
            return List.of();
        }
        try {
            return Serialization.unmarshal(utf8(list.getBody()),
                    CustomResourceDefinitionList.class).getItems();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    void carry(String clusterName, MeshTraffic value) {
        cluster = clusterName;
        traffic = value;
    }

    long requestCount() {
        return requests.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!("Bearer " + INTERNAL_TOKEN).equals(request.getHeader("Authorization"))) {
            requests.incrementAndGet();
        }
        request = ProtobufBodies.asJson(request); // before anything reads a body: kubectl 1.32+ sends protobuf
        Optional<MockResponse> refusedOrAnswered = access.answer(request);
        if (refusedOrAnswered.isPresent()) {
            return refusedOrAnswered.get();
        }
        String path = request.getPath();
        Optional<MockResponse> front = hasExpectation(request) ? Optional.empty() : RequestFront.answer(request, cluster, this::stored, this::crds);
        if (front.isPresent()) {
            return front.get();
        }
        if (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH) {
            Optional<OwnedWrites.Target> target = OwnedWrites.target(path);
            if (target.isPresent() && !hasExpectation(request)) {
                return owned(request, target.get());
            }
        }
        if (!hasExpectation(request)) {
            Optional<MockResponse> answered = semantics.answer(request.method().name(), path, request.getHeader("Content-Type"),
                    request.getBody() == null ? new byte[0] : request.getBody().getBytes(), redispatch(request));
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        if (path.contains("dryRun=All") && request.method() != HttpMethod.GET) {
            return dryRun(request);
        }
        if (traffic != null && request.method() != HttpMethod.GET) {
            traffic.changed();
        }
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && !upgrade.equalsIgnoreCase("websocket") && (MeshTraffic.isExec(path) || MeshTraffic.isPortForward(path))) {
            // kubectl falls back to SPDY when a WebSocket fails, and before 1.30 speaks only SPDY: say so, not a bare 405
            return dev.crossmesh.demo.apiserver.ApiStatus.failure(400, "BadRequest", "a crossmesh demo cluster streams exec over"
                    + " WebSocket only (kubectl 1.30 and later); " + upgrade + " is not served, nor kubectl port-forward");
        }
        if (traffic != null && upgrade != null && MeshTraffic.isExec(path)) {
            return ExecWebSocket.answer(path, request.getHeader("Sec-WebSocket-Protocol"), p -> get(p).code(), () -> traffic.exec(cluster, path));
        }
        if (traffic != null && upgrade != null && MeshTraffic.isPortForward(path)) {
            return PortForwardWebSocket.answer(path, () -> traffic.portForward(cluster, path));
        }
        if (request.method() == HttpMethod.GET && !path.contains("watch=true")) {
            Optional<String> discovery = DemoDiscovery.answer(path, versionJson, serverAddress, this::crds);
            if (discovery.isPresent()) {
                return new MockResponse().setResponseCode(discovery.get() == DemoDiscovery.NOT_FOUND ? 404 : 200).setBody(discovery.get());
            }
        }
        if (request.method() == HttpMethod.PUT && !path.split("\\?")[0].endsWith("/status")) {
            request = keepingStatus(request);
        }
        String body = utf8(request.getBody()); // read before the mock consumes it
        MockResponse response = super.dispatch(request);
        if (response.getWebSocketListener() != null) {
            response.withWebSocketUpgrade(new WatchCloseOffEventLoop(response.getWebSocketListener()));
        }
        if (path.startsWith(CRD_PATH) && (request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT)
                && response.code() / 100 == 2) {
            serveEveryVersion(body);
        }
        return response;
    }

    private boolean hasExpectation(RecordedRequest request) {
        return responses.containsKey(new io.fabric8.mockwebserver.internal.SimpleRequest(request.method(), request.getPath()))
                || responses.containsKey(new io.fabric8.mockwebserver.internal.SimpleRequest(request.getPath()));
    }

    /** A write computed by {@link OwnedWrites} and stored through the mock. */
    @SuppressWarnings("unchecked")
    private MockResponse owned(RecordedRequest request, OwnedWrites.Target target) {
        String[] split = request.getPath().split("\\?", 2);
        Map<String, String> query = dev.crossmesh.demo.apiserver.ApiPath.query(split.length == 2 ? split[1] : "");
        String manager = query.getOrDefault("fieldManager", "");
        if (manager.isEmpty()) {
            manager = OwnedWrites.managerFromUserAgent(request.getHeader("User-Agent"));
        }
        OwnedWrites.Outcome outcome = OwnedWrites.write(request.method().name(), target, request.getHeader("Content-Type"),
                request.getBody() == null ? new byte[0] : request.getBody().getBytes(), query, manager, p -> {
                    MockResponse stored = get(p);
                    return stored.code() == 200 ? (Map<String, Object>) dev.crossmesh.demo.fields.Json.parse(utf8(stored.getBody())) : null;
                });
        if (outcome instanceof OwnedWrites.Outcome.Answer answer) {
            return new MockResponse().setResponseCode(answer.code()).setHeader("Content-Type", "application/json")
                    .setBody(new Buffer(OwnedWrites.bytes(answer.body())));
        }
        OwnedWrites.Outcome.Store store = (OwnedWrites.Outcome.Store) outcome;
        if (target.namespace() != null) {
            dev.crossmesh.demo.fields.Json.objectAt(store.body(), "metadata").putIfAbsent("namespace", target.namespace());
        }
        HttpMethod method = HttpMethod.valueOf(store.method());
        RecordedRequest stored = new RecordedRequest(store.method() + " " + store.path() + " HTTP/1.1", method, store.path(),
                Headers.builder().add("Content-Type", "application/json").build(), new Buffer(OwnedWrites.bytes(store.body())));
        if (method == HttpMethod.PUT && !store.path().endsWith("/status")) {
            stored = keepingStatus(stored);
        }
        String body = utf8(stored.getBody());
        MockResponse response = super.dispatch(stored);
        if (store.path().startsWith(CRD_PATH) && response.code() / 100 == 2) {
            serveEveryVersion(body);
        }
        return response;
    }

    /** The same request with the stored object's status in place of whatever status the body carries. */
    @SuppressWarnings("unchecked")
    private RecordedRequest keepingStatus(RecordedRequest request) {
        String objectPath = request.getPath().split("\\?")[0];
        MockResponse stored = get(objectPath);
        if (stored.code() != 200) {
            return request;
        }
        Map<String, Object> body;
        Map<String, Object> current;
        try {
            body = Serialization.unmarshal(utf8(request.getBody()), Map.class);
            current = Serialization.unmarshal(utf8(stored.getBody()), Map.class);
        } catch (RuntimeException e) {
            return request; // not JSON: let the mock answer as it would
        }
        if (body == null || current == null || Objects.equals(body.get("status"), current.get("status"))) {
            return request;
        }
        if (current.containsKey("status")) {
            body.put("status", current.get("status"));
        } else {
            body.remove("status");
        }
        return new RecordedRequest(request.getRequestLine(), request.method(), request.getPath(), request.getHeaders(),
                new Buffer(Serialization.asJson(body).getBytes(StandardCharsets.UTF_8)));
    }

    /** The text of a buffer without consuming it (the mock's own read empties it). */
    private static String utf8(Buffer buffer) {
        return buffer == null ? "" : new String(buffer.getBytes(), StandardCharsets.UTF_8);
    }

    private void serveEveryVersion(String crdJson) {
        CustomResourceDefinition crd;
        try {
            crd = Serialization.unmarshal(crdJson, CustomResourceDefinition.class);
        } catch (RuntimeException e) {
            return;
        }
        if (crd == null || crd.getSpec() == null || crd.getSpec().getVersions() == null) {
            return;
        }
        var spec = crd.getSpec();
        for (CustomResourceDefinitionVersion version : spec.getVersions()) {
            if (Boolean.TRUE.equals(version.getServed())) {
                expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(spec.getGroup())
                        .withVersion(version.getName()).withKind(spec.getNames().getKind()).withPlural(spec.getNames().getPlural())
                        .withScope(spec.getScope()).withStatusSubresource(version.getSubresources() != null
                                && version.getSubresources().getStatus() != null)
                        .build());
            }
        }
    }

    /** Answers as the API server would, without storing anything: 404/409 where a real write would fail. */
    private MockResponse dryRun(RecordedRequest request) {
        String path = request.getPath().replaceAll("[?&]dryRun=All", "").replaceFirst("&", "?");
        String objectPath = path.split("\\?")[0];
        if (request.method() == HttpMethod.POST) {
            String body = request.getUtf8Body();
            @SuppressWarnings("unchecked")
            Map<String, Object> object = Serialization.unmarshal(body, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
            String name = metadata == null ? null : (String) metadata.get("name");
            if (name != null && get(objectPath + "/" + name).code() == 200) {
                return status(409, "AlreadyExists", name + " already exists");
            }
            return new MockResponse().setResponseCode(201).setBody(body);
        }
        // PUT, PATCH, DELETE: the object must exist; answer with it as it stands
        return get(objectPath);
    }

    private MockResponse get(String path) {
        return super.dispatch(new RecordedRequest("GET " + path + " HTTP/1.1", HttpMethod.GET, path,
                Headers.builder().build(), new Buffer()));
    }

    /** For tests: the kubeconfig's admin may no longer do "verb resource", e.g. "create secrets" ({@link ApiAccess#deny}). */
    void deny(String verb, String resource) {
        access.deny(verb, resource);
    }

    ApiAccess access() {
        return access;
    }

    /** The JSON the store answers a GET of the path with, or null when it has nothing there. */
    private String storedJson(String path) {
        MockResponse stored = get(path);
        return stored.code() == 200 ? utf8(stored.getBody()) : null;
    }

    private static MockResponse status(int code, String reason, String message) {
        String json = Serialization.asJson(Map.of("apiVersion", "v1", "kind", "Status", "status", "Failure",
                "code", code, "reason", reason, "message", message));
        return new MockResponse().setResponseCode(code).setBody(new Buffer(json.getBytes(StandardCharsets.UTF_8)));
    }
}
