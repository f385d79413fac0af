package dev.crossmesh.demo.auth;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.Serialization;

/** What a demo cluster holds, read by path (as a GET would answer it) without going through authorization again. */
@FunctionalInterface
public interface StoredObjects {
    /** The JSON of the object or list at the path, or null when the cluster has nothing there. */
    String json(String path);

    default <T> Optional<T> get(String path, Class<T> type) {
        String json = json(path);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Serialization.unmarshal(json, type));
        } catch (RuntimeException e) {
            return Optional.empty(); // not what was asked for: as if absent
        }
    }

    default <T extends io.fabric8.kubernetes.api.model.HasMetadata, L extends KubernetesResourceList<T>> List<T> list(String path, Class<L> type) {
        return get(path, type).map(l -> l.getItems() == null ? List.<T>of() : List.copyOf(l.getItems())).orElse(List.of());
    }
}
