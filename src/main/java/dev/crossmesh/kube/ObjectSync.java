package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The one way crossmesh writes an object, on real API servers and demo clusters alike: server-side apply as field
 * manager {@code crossmesh}. The server merges what crossmesh applies into what it stores, removes fields crossmesh
 * applied before and no longer applies, and refuses (409) a field another manager set to another value. Examining an
 * object that exists is a dry-run apply whose answer is compared with the live object: that is what diff shows
 * (removals and conflicts included), and an apply that would change nothing sends no write.
 */
final class ObjectSync {
    /** How far crossmesh goes with an object. */
    enum Policy {
        /** Created and kept as the plan says; never overwritten when someone else owns it, unless forced. */
        OWN,
        /** Created if missing, otherwise used as it is (the reader RBAC istioctl would also reuse). */
        ENSURE_EXISTS
    }

    /**
     * An object compared with its live state.
     *
     * @param body      what an apply sends (null when nothing is to be written)
     * @param conflicts fields other managers hold at other values: a write without --force leaves the object alone,
     *                  with --force takes them
     */
    record Examined(Map<String, Object> desired, Map<String, Object> live, ObjectChange change, Map<String, Object> body,
            List<ApplyConflicts.Conflict> conflicts, boolean migrate) {
        Examined {
            conflicts = List.copyOf(conflicts);
        }

        Examined(Map<String, Object> desired, Map<String, Object> live, ObjectChange change, Map<String, Object> body,
                List<ApplyConflicts.Conflict> conflicts) {
            this(desired, live, change, body, conflicts, false);
        }

        ChangeKind kind() {
            return change.change();
        }
    }

    /** What a write did and the object as stored. */
    record Written(ChangeKind done, Map<String, Object> stored, ObjectChange change) {
    }

    /** The server refused the dry-run apply that examined an object (403, 422, a webhook): a refused write, not a read. */
    static final class DryRunRefused extends RuntimeException {
        DryRunRefused(KubernetesClientException cause) {
            super(cause.getMessage(), cause);
        }

        KubernetesClientException refusal() {
            return (KubernetesClientException) getCause();
        }
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
            if (live == null || o.body() == null) {
                return new Examined(desired, live, new ObjectChange(cluster, name, o.change(), o.fields(), o.reason()), o.body(), List.of());
            }
            return dryRun(desired, live, o.body(), force, o.reason(), false);
        }
        Map<String, Object> body = ObjectFields.forCreate(desired);
        if (live == null) {
            return new Examined(desired, null, change(name, ChangeKind.CREATE, List.of(), ""), body, List.of());
        }
        boolean owned = Ownership.ownedBy(live, meshId);
        if (policy == Policy.ENSURE_EXISTS) {
            return new Examined(desired, live, change(name, ChangeKind.UNCHANGED, List.of(), owned ? "" : "exists, not created by crossmesh: used as it is"),
                    null, List.of());
        }
        if (!owned && !force) {
            return new Examined(desired, live, change(name, ChangeKind.NOT_OWNED, List.of(),
                    Ownership.foreignReason(live, meshId) + "; crossmesh leaves it alone unless you run apply with --force"), null, List.of());
        }
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
        return dryRun(desired, live, body, force, reason, owned && LegacyFieldOwner.holds(live));
    }

    /**
     * Asks the server what the apply would store (never forcing: conflicts are reported, --force then takes them).
     * {@code migrate}: an object an earlier crossmesh wrote without server-side apply, whose fields the write first
     * moves to crossmesh; conflicts with that old manager are crossmesh's own and do not stop it.
     */
    private Examined dryRun(Map<String, Object> desired, Map<String, Object> live, Map<String, Object> body, boolean force, String reason,
            boolean migrate) {
        String name = ClusterObjects.displayName(desired);
        if (migrate) {
            reason = join(reason, "written by crossmesh before it used server-side apply: its fields move to field manager crossmesh");
        }
        if (!migrate && reason.isEmpty() && UnchangedApply.holds(body, live)) {
            return new Examined(desired, live, change(name, ChangeKind.UNCHANGED, List.of(), ""), null, List.of());
        }
        Map<String, Object> after;
        List<ApplyConflicts.Conflict> others = List.of();
        try {
            after = api.apply(body, false, true);
        } catch (KubernetesClientException e) {
            List<ApplyConflicts.Conflict> conflicts = ApplyConflicts.of(e);
            if (conflicts.isEmpty()) {
                throw KubeFailures.isConnectionProblem(e) ? e : new DryRunRefused(e);
            }
            others = migrate ? LegacyFieldOwner.others(conflicts) : conflicts;
            if (!others.isEmpty() && !force) {
                return new Examined(desired, live, change(name, ChangeKind.CONFLICT, ApplyConflicts.fields(others),
                        ApplyConflicts.advice(others)), null, others);
            }
            after = api.apply(body, true, true);
            if (!others.isEmpty()) {
                reason = join(reason, "takes from " + ApplyConflicts.describe(others) + " (--force)");
            }
            if (!migrate) {
                return new Examined(desired, live, change(name, ChangeKind.UPDATE, ObjectFields.differences(live, after), reason), body, others);
            }
        }
        List<String> fields = ObjectFields.differences(live, after);
        if (migrate) {
            List<String> migrated = new ArrayList<>(fields);
            LegacyFieldOwner.droppedMetadata(live, body).stream().filter(f -> !migrated.contains(f)).forEach(migrated::add);
            return new Examined(desired, live, change(name, ChangeKind.UPDATE, migrated.isEmpty() ? List.of("metadata.managedFields") : migrated,
                    reason + "; fields it set then and the plan no longer has are removed"), body, others, true);
        }
        if (fields.isEmpty()) {
            return new Examined(desired, live, change(name, ChangeKind.UNCHANGED, List.of(), ""), null, List.of());
        }
        return new Examined(desired, live, change(name, ChangeKind.UPDATE, fields, reason), body, List.of());
    }

    /** Applies what an examination asked for; forced where it found conflicts and --force was given. */
    Written write(Examined examined, boolean dryRun) {
        if (examined.migrate() && !dryRun) {
            api.replaceManagedFields(examined.live(), LegacyFieldOwner.migrated(examined.live()));
        }
        return switch (examined.kind()) {
            case CREATE, UPDATE -> new Written(examined.kind(), api.apply(examined.body(), !examined.conflicts().isEmpty(), dryRun),
                    examined.change());
            default -> new Written(examined.kind(), examined.live(), examined.change());
        };
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private ObjectChange change(String name, ChangeKind kind, List<String> fields, String reason) {
        return new ObjectChange(cluster, name, kind, fields, reason);
    }
}
