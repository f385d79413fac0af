package dev.crossmesh.demo.semantics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.MockResponse;

/** The store behind a demo API server (fabric8's CRUD mock), as the API semantics here read and write it. */
public interface ObjectStore {
    /** A request straight to the store; {@code body} is a JSON value or null. */
    MockResponse send(String method, String path, Object body);

    /** Where namespaced objects of one resource live: {@code prefix + "/namespaces/NS/" + plural}. */
    record Collection(String prefix, String plural) {
        public String in(String namespace) {
            return prefix + "/namespaces/" + namespace + "/" + plural;
        }
    }

    /** Every namespaced resource the server stores, custom resources included. */
    List<Collection> namespacedCollections();

    /** The object (or list) at a path, or null when the store has none. */
    default Map<String, Object> read(String path) {
        MockResponse response = send("GET", path, null);
        return response.code() == 200 ? Json.object(Json.parse(text(response))) : null;
    }

    static String text(MockResponse response) {
        return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }
}
