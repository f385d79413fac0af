package dev.crossmesh.demo.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Every answer of a demo cluster as a client reads it: with a Content-Type, a list with its kind
 * ({@code ServiceList}, not the mock's {@code List}, which kubectl's typed code cannot take) and its resourceVersion
 * (so a watch started from a list sends only what changed after it), a 404 with a Status, and a Table where the
 * client asked for one. It wraps the dispatcher that answers, expectations included.
 */
public final class ResponseFinish extends Dispatcher {
    private final Dispatcher inner;
    private final Supplier<List<ResourceType>> types;

    /** @param types the resources served now, read only for a request about a custom resource */
    public ResponseFinish(Dispatcher inner, Supplier<List<ResourceType>> types) {
        this.inner = inner;
        this.types = types;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        List<String> warnings = FieldValidation.warnings(request);
        MockResponse response = finish(request, inner.dispatch(request));
        warnings.forEach(w -> response.addHeader("Warning", w));
        return response;
    }

    @Override
    public void shutdown() {
        inner.shutdown();
    }

    @Override
    public void releaseResources() {
        inner.releaseResources();
    }

    MockResponse finish(RecordedRequest request, MockResponse response) {
        if (response.getWebSocketListener() != null) {
            return response;
        }
        Optional<ApiPath> path = ApiPath.parse(request.getPath());
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes();
        if (path.isPresent() && response.code() == 404 && body.length == 0) {
            ApiPath p = path.get();
            String resource = p.group().isEmpty() ? p.plural() : p.plural() + "." + p.group();
            return p.name() == null ? RequestFront.notFound()
                    : ApiStatus.failure(404, "NotFound", resource + " \"" + p.name() + "\" not found",
                            Map.of("name", p.name(), "group", p.group(), "kind", p.plural()));
        }
        ContentTypes.typed(response);
        if (path.isEmpty() || request.method() != HttpMethod.GET || path.get().watch() || response.code() != 200 || body.length == 0
                || path.get().subresource() != null) {
            return response;
        }
        boolean table = ContentTypes.wantsTable(request.getHeader("Accept"));
        if (!path.get().collection() && !table && !startsAsList(body)) {
            return response; // one object, as stored: nothing to change, no need to read it
        }
        Map<String, Object> object;
        try {
            object = Json.object(Json.parse(body));
        } catch (IllegalArgumentException e) {
            return response;
        }
        if (object == null) {
            return response;
        }
        Optional<ResourceType> type = type(path.get());
        if ("List".equals(object.get("kind")) && !aListOf(path.get(), type, object)) {
            return RequestFront.notFound(); // the mock's answer to a path it misreads: everything it matched, of any kind
        }
        boolean changed = false;
        if (path.get().collection() && "List".equals(object.get("kind")) && type.isPresent()) {
            object.put("kind", type.get().kind() + "List");
            object.put("apiVersion", type.get().apiVersion());
            Map<String, Object> metadata = Json.objectAt(object, "metadata");
            metadata.put("resourceVersion", String.valueOf(newest(object)));
            metadata.remove("selfLink");
            changed = true;
        }
        if (type.isPresent() && table) {
            object = TableResponses.table(object, type.get(), path.get().query().getOrDefault("includeObject", "Metadata"), Instant.now());
            changed = true;
        }
        if (changed) {
            response.setBody(new Buffer(Json.write(object)));
            response.removeHeader("Content-Length");
        }
        return response;
    }

    /** Whether a body is the mock's {@code {"apiVersion":"v1","kind":"List", ...}}, which it writes first. */
    private static boolean startsAsList(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8).replace(" ", "");
        return head.contains("\"kind\":\"List\"");
    }

    /** Whether a mock's List answers the path: a collection whose items are all of its kind. */
    private static boolean aListOf(ApiPath path, Optional<ResourceType> type, Map<String, Object> list) {
        if (!path.collection()) {
            return false;
        }
        List<Object> items = Json.list(list.get("items"));
        String apiVersion = path.group().isEmpty() ? path.version() : path.group() + "/" + path.version();
        for (Object item : items == null ? List.of() : items) {
            String kind = Json.string(item, "kind");
            if (type.isPresent() ? !type.get().kind().equals(kind) : !apiVersion.equals(Json.string(item, "apiVersion"))) {
                return false;
            }
        }
        return true;
    }

    /** The highest resourceVersion among a list's items: what a watch from this list starts after. */
    static long newest(Map<String, Object> list) {
        long newest = 0;
        List<Object> items = Json.list(list.get("items"));
        for (Object item : items == null ? List.of() : items) {
            try {
                newest = Math.max(newest, Long.parseLong(String.valueOf(Json.at(item, "metadata", "resourceVersion"))));
            } catch (NumberFormatException e) {
                // an item the mock stored without a version
            }
        }
        return newest;
    }

    Optional<ResourceType> type(ApiPath path) {
        List<ResourceType> served = ServedTypes.builtInGroup(path.group()) ? BuiltInResources.all() : types.get();
        return ServedTypes.find(served, path.group(), path.version(), path.plural());
    }

}
