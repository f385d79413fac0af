package dev.crossmesh.ui.preview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.ChangeKind;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.ClusterDiff;
import dev.crossmesh.kube.DiffEngine;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.kube.MeshApplier;
import dev.crossmesh.kube.MeshDiff;
import dev.crossmesh.kube.ObjectChange;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.Manifest;

/**
 * The preview's live diff over {@link DiffEngine}: the same reads and comparison as {@code crossmesh diff} and
 * apply, mapped onto the previewed files. Steps that are no file of the preview (the remote-secret reader's
 * account and token) count in the summary only.
 */
final class DiffEngineService implements LiveDiffService {

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public Result diff(Rendering rendering, Kubeconfigs kubeconfigs) {
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            return toResult(rendering, new DiffEngine(clients).diff(rendering.mesh(), ApplyOptions.defaults()));
        }
    }

    static Result toResult(Rendering rendering, MeshDiff diff) {
        List<ObjectDiff> objects = new ArrayList<>();
        List<ObjectDiff.Change> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ClusterDiff cluster : diff.clusters()) {
            if (!cluster.reachable()) {
                problems.add(cluster.error());
                continue;
            }
            Map<String, Manifest> byStep = new HashMap<>();
            for (Manifest m : rendering.mesh().manifests(cluster.cluster())) {
                switch (m.method()) {
                    case ISTIOCTL -> byStep.put(MeshApplier.stepName(m), m);
                    case API, REMOTE_SECRET -> byStep.put(m.displayName(), m);
                    case ALTERNATIVE -> {
                        // the istioctl overlay is export-only: apply never sends it, so the diff has nothing to say about it
                    }
                }
            }
            for (ObjectChange change : cluster.changes()) {
                steps.add(change(change.change()));
                Manifest m = byStep.get(change.object());
                if (m != null) {
                    objects.add(new ObjectDiff(cluster.cluster(), m.kind(), m.namespace(), m.name(), change(change.change()), detail(change)));
                }
            }
        }
        return new Result(objects, problems, diff.summary(), steps);
    }

    static ObjectDiff.Change change(ChangeKind kind) {
        return switch (kind) {
            case CREATE -> ObjectDiff.Change.CREATE;
            case UPDATE -> ObjectDiff.Change.UPDATE;
            case UNCHANGED -> ObjectDiff.Change.UNCHANGED;
            case NOT_OWNED -> ObjectDiff.Change.NOT_OWNED;
            case CONFLICT -> ObjectDiff.Change.CONFLICT;
            case RUN -> ObjectDiff.Change.RUN;
            case MANUAL -> ObjectDiff.Change.MANUAL;
            case SKIPPED -> ObjectDiff.Change.SKIPPED;
            case UNREADABLE -> ObjectDiff.Change.UNREADABLE;
        };
    }

    /** The changed fields of an update, then the engine's reason (owner, what runs, what could not be read). */
    private static String detail(ObjectChange change) {
        String fields = change.fields().isEmpty() ? "" : "changes " + String.join(", ", change.fields());
        if (change.reason().isEmpty()) {
            return fields;
        }
        return fields.isEmpty() ? change.reason() : fields + " (" + change.reason() + ")";
    }
}
