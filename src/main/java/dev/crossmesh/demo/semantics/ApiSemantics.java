package dev.crossmesh.demo.semantics;

import java.util.Optional;

import io.fabric8.mockwebserver.http.MockResponse;

import dev.crossmesh.demo.apiserver.ApiPath;

/**
 * The parts of kube-apiserver's request handling the CRUD mock lacks and kubectl relies on: DELETE with its
 * options and dry run, namespaces that terminate and take their content with them, the {@code /scale} subresource,
 * and events read by involved object or through events.k8s.io.
 */
public final class ApiSemantics {
    /** Sends a PATCH back through the server's own write path, with the original request's credentials. */
    public interface Redispatch {
        MockResponse patch(String path, String contentType, byte[] body);
    }

    private final ObjectStore store;
    private final NamespaceLifecycle namespaces;

    public ApiSemantics(ObjectStore store) {
        this.store = store;
        this.namespaces = new NamespaceLifecycle(store);
    }

    /**
     * The answer to a request, or empty where the server's other handlers answer it.
     *
     * @param redispatch the way back into the server for this request (a scale becomes a patch of its object)
     */
    public Optional<MockResponse> answer(String method, String path, String contentType, byte[] body, Redispatch redispatch) {
        Optional<ApiPath> parsed = ApiPath.parse(path);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ApiPath p = parsed.get();
        if (ScaleSubresource.handles(p) && (method.equals("GET") || method.equals("PUT") || method.equals("PATCH"))) {
            return Optional.of(ScaleSubresource.answer(method, p, contentType, body, store, redispatch));
        }
        if (method.equals("DELETE")) {
            return Deletion.answer(p, body, store, namespaces);
        }
        if (method.equals("GET") && EventsView.handles(p)) {
            return Optional.of(EventsView.answer(p, store));
        }
        return Optional.empty();
    }
}
