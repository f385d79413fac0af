package dev.crossmesh.kube;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The one apply strategy crossmesh uses against real API servers and the demo mock alike: GET; create if absent;
 * else compare the desired fields with the live ones and, if they differ, PUT the live object with the desired
 * fields merged in, carrying its resourceVersion. A 409 (someone wrote in between) is retried once after a fresh GET.
 * Server-side apply and strategic merge would be shorter, but the mock has neither, and the tests must run
 * the same requests a user's apply sends.
 */
final class ObjectSync {
    /** How far crossmesh goes with an object. */
    enum Policy {
        /** Created and kept as the plan says; never overwritten when someone else owns it, unless forced. */
        OWN,
        /** Created if missing, otherwise used as it is (the reader RBAC istioctl would also reuse). */
        ENSURE_EXISTS
    }

    /** An object compared with its live state. {@code body} is what a write would send (null when nothing to write). */
    record Examined(Map<String, Object> desired, Map<String, Object> live, ObjectChange change, Map<String, Object> body) {
        ChangeKind kind() {
            return change.change();
        }
    }

    /** What a write did: the change made (UNCHANGED or NOT_OWNED when a retry found nothing left to do) and the object as stored. */
    record Written(ChangeKind done, Map<String, Object> stored, ObjectChange change) {
    }

    private final String cluster;
    private final ClusterObjects api;
    private final String meshId;

    ObjectSync(String cluster, ClusterObjects api, String meshId) {
        this.cluster = cluster;
        this.api = api;
        this.meshId = meshId;
    }

    ClusterObjects api() {
        return api;
    }

    Examined examine(Map<String, Object> desired, Policy policy, boolean force) {
        return examine(desired, api.get(desired), policy, force);
    }

    Examined examine(Map<String, Object> desired, Map<String, Object> live, Policy policy, boolean force) {
        String name = ClusterObjects.displayName(desired);
        if ("Namespace".equals(desired.get("kind"))) {
            NamespaceAdoption.Outcome o = NamespaceAdoption.examine(desired, live, force);
            return new Examined(desired, live, new ObjectChange(cluster, name, o.change(), o.fields(), o.reason()), o.body());
        }
        if (live == null) {
            return new Examined(desired, null, change(name, ChangeKind.CREATE, List.of(), ""), ObjectFields.forCreate(desired));
        }
        boolean owned = Ownership.ownedBy(live, meshId);
        if (policy == Policy.ENSURE_EXISTS) {
            return new Examined(desired, live, change(name, ChangeKind.UNCHANGED, List.of(), owned ? "" : "exists, not created by crossmesh: used as it is"), null);
        }
        if (!owned && !force) {
            return new Examined(desired, live, change(name, ChangeKind.NOT_OWNED, List.of(),
                    Ownership.foreignReason(live, meshId) + "; crossmesh leaves it alone unless you run apply with --force"), null);
        }
        List<String> fields = ObjectFields.changedPaths(desired, live);
        if (fields.isEmpty()) {
            return new Examined(desired, live, change(name, ChangeKind.UNCHANGED, List.of(), ""), null);
        }
        Map<String, Object> body = ObjectFields.merge(live, desired);
        String reason = "";
        if (!owned) {
            // taken over with --force: uninstall must know it existed before crossmesh and leave it in place
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
            Map<String, Object> annotations = new LinkedHashMap<>(ObjectFields.annotations(body));
            annotations.put(Ownership.ADOPTED, "true");
            metadata.put("annotations", annotations);
            reason = "taken over with --force: " + Ownership.foreignReason(live, meshId);
        }
        return new Examined(desired, live, change(name, ChangeKind.UPDATE, fields, reason), body);
    }

    /** Sends the create or update an examination asked for; on 409 reads the object again and retries once. */
    Written write(Examined examined, Policy policy, boolean force, boolean dryRun) {
        try {
            return writeOnce(examined, dryRun);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            Examined fresh = examine(examined.desired(), api.getFresh(examined.desired()), policy, force);
            if (!fresh.kind().changes() || fresh.body() == null) {
                return new Written(fresh.kind(), fresh.live(), fresh.change());
            }
            return writeOnce(fresh, dryRun);
        }
    }

    private Written writeOnce(Examined examined, boolean dryRun) {
        return switch (examined.kind()) {
            case CREATE -> new Written(ChangeKind.CREATE, api.create(examined.body(), dryRun), examined.change());
            case UPDATE -> new Written(ChangeKind.UPDATE, api.update(examined.body(), dryRun), examined.change());
            default -> new Written(examined.kind(), examined.live(), examined.change());
        };
    }

    private ObjectChange change(String name, ChangeKind kind, List<String> fields, String reason) {
        return new ObjectChange(cluster, name, kind, fields, reason);
    }
}
