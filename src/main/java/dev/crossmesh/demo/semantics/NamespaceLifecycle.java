package dev.crossmesh.demo.semantics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * A namespace's life as kube-apiserver and the namespace controller run it: created Active with the {@code kubernetes}
 * finalizer, deleted into Terminating (no new content accepted), emptied of everything it holds, then gone.
 */
public final class NamespaceLifecycle {
    static final String FINALIZER = "kubernetes";
    /** The namespaces kube-apiserver refuses to delete. */
    static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");
    private static final String PATH = "/api/v1/namespaces/";
    private static final Duration SWEEP = Duration.ofMillis(150);

    private final ObjectStore store;
    private final ScheduledThreadPoolExecutor controller;

    public NamespaceLifecycle(ObjectStore store) {
        this.store = store;
        this.controller = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "demo-namespace-controller");
            t.setDaemon(true);
            return t;
        });
        // a cluster nobody deletes namespaces in keeps no thread
        controller.setKeepAliveTime(2, TimeUnit.SECONDS);
        controller.allowCoreThreadTimeOut(true);
    }

    /**
     * What the API server adds to a namespace it creates: the finalizer and the phase. (It also labels it
     * {@code kubernetes.io/metadata.name}; the demo does not yet, as crossmesh's uninstall tests compare labels exactly.)
     */
    public static void defaults(Map<String, Object> namespace) {
        Map<String, Object> spec = Json.objectAt(namespace, "spec");
        if (spec.get("finalizers") == null) {
            spec.put("finalizers", new ArrayList<>(List.of(FINALIZER)));
        }
        Json.objectAt(namespace, "status").put("phase", "Active");
    }

    /**
     * Why nothing may be created in a namespace now, as the answer the API server gives: it does not exist (404) or is
     * being deleted (403).
     */
    public static Optional<Map<String, Object>> refusal(String namespace, java.util.function.Function<String, Map<String, Object>> stored) {
        Map<String, Object> ns = stored.apply(PATH + namespace);
        if (ns == null) {
            return Optional.of(dev.crossmesh.demo.apiserver.ApiStatus.body(404, "NotFound", "namespaces \"" + namespace + "\" not found",
                    Map.of("name", namespace, "kind", "namespaces")));
        }
        if (Json.at(ns, "metadata", "deletionTimestamp") != null) {
            return Optional.of(dev.crossmesh.demo.apiserver.ApiStatus.body(403, "Forbidden", "unable to create new content in namespace "
                    + namespace + " because it is being terminated", Map.of("name", namespace, "kind", "namespaces")));
        }
        return Optional.empty();
    }

    /**
     * The namespace as its deletion leaves it until it is empty. It also carries the {@code kubernetes} finalizer in
     * its metadata (a real one has it in spec only) because the mock drops an object marked for deletion at once
     * unless metadata.finalizers holds something.
     */
    static Map<String, Object> terminating(Map<String, Object> namespace, Instant now) {
        Map<String, Object> copy = Json.copyObject(namespace);
        Json.objectAt(copy, "metadata").putIfAbsent("deletionTimestamp", KubeletStatus.time(now));
        List<Object> finalizers = Json.list(Json.at(copy, "metadata", "finalizers"));
        if (finalizers == null || !finalizers.contains(FINALIZER)) {
            List<Object> with = finalizers == null ? new ArrayList<>() : new ArrayList<>(finalizers);
            with.add(FINALIZER);
            Json.objectAt(copy, "metadata").put("finalizers", with);
        }
        Json.objectAt(copy, "metadata").put("deletionGracePeriodSeconds", 0L);
        Json.objectAt(copy, "status").put("phase", "Terminating");
        return copy;
    }

    /** Deletes a namespace: the answer to the DELETE now, its content and then itself shortly after. */
    MockResponse delete(Map<String, Object> namespace, boolean dryRun) {
        String name = Json.string(namespace, "metadata", "name");
        if (IMMORTAL.contains(name)) {
            return Statuses.forbidden("namespaces", name, "this namespace may not be deleted");
        }
        if (Json.at(namespace, "metadata", "deletionTimestamp") != null) {
            return Statuses.conflict("namespaces", name, "The system is ensuring all content is removed from this namespace.  "
                    + "Upon completion, this namespace will automatically be purged by the system.");
        }
        Map<String, Object> terminating = terminating(namespace, Instant.now());
        if (dryRun) {
            return dev.crossmesh.demo.apiserver.ApiStatus.json(200, terminating);
        }
        MockResponse stored = store.send("PUT", PATH + name, terminating);
        if (stored.code() / 100 != 2) {
            return stored;
        }
        // the controller's first pass runs at once (on an idle cluster it takes milliseconds): what has no finalizer goes
        // now, and a namespace with nothing left goes with it; content that waits for its finalizers keeps it Terminating
        sweep(name);
        return stored;
    }

    /** One pass of the namespace controller: delete what is left, and the namespace once nothing is. */
    private void sweep(String namespace) {
        try {
            if (store.read(PATH + namespace) == null) {
                return; // finalized by someone else
            }
            for (ObjectStore.Collection c : store.namespacedCollections()) {
                for (Object item : items(c.in(namespace))) {
                    String name = Json.string(item, "metadata", "name");
                    if (name != null && Json.at(item, "metadata", "deletionTimestamp") == null) {
                        store.send("DELETE", c.in(namespace) + "/" + name, null);
                    }
                }
            }
            if (isEmpty(namespace)) {
                finish(namespace);
                return;
            }
        } catch (RuntimeException e) {
            // the store went away under us (a stopped cluster): the next pass tries again
        }
        controller.schedule(() -> sweep(namespace), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<Object> items(String collection) {
        Map<String, Object> list = store.read(collection);
        List<Object> items = list == null ? null : Json.list(list.get("items"));
        return items == null ? List.of() : items;
    }

    private boolean isEmpty(String namespace) {
        return store.namespacedCollections().stream().allMatch(c -> items(c.in(namespace)).isEmpty());
    }

    /** What the namespace controller does last: drops its finalizer, and the namespace goes with it. */
    private void finish(String namespace) {
        Map<String, Object> ns = store.read(PATH + namespace);
        if (ns == null) {
            return;
        }
        List<Object> finalizers = Json.list(Json.at(ns, "metadata", "finalizers"));
        if (finalizers != null) {
            List<Object> rest = new ArrayList<>(finalizers);
            rest.remove(FINALIZER);
            Json.objectAt(ns, "metadata").put("finalizers", rest);
        }
        Json.objectAt(ns, "spec").put("finalizers", new ArrayList<>());
        Json.objectAt(ns, "metadata").remove("resourceVersion");
        store.send("PUT", PATH + namespace, ns); // marked for deletion with no finalizer left: the store drops it
        store.send("DELETE", PATH + namespace, null);
    }

}
