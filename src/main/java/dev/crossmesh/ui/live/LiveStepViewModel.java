package dev.crossmesh.ui.live;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.ui.core.BaseStepViewModel;

/**
 * Step 6, the last one: which mesh the live view watches. It is the plan as last applied, reached through the
 * kubeconfig files the Clusters step used; until something was applied there is nothing to watch.
 */
public final class LiveStepViewModel extends BaseStepViewModel {
    /** The mesh to watch and the kubeconfig files that reach its clusters. */
    public record Target(MeshPlan plan, Kubeconfigs kubeconfigs) {
    }

    private final ReadOnlyObjectWrapper<Target> target = new ReadOnlyObjectWrapper<>(this, "target");

    /** Next is never asked of the last step: it is always "valid". */
    public LiveStepViewModel() {
        super(true);
    }

    // Commands

    /** Watches {@code plan}; the same plan and files again change nothing, so the view keeps its connections. */
    public void watch(MeshPlan plan, Kubeconfigs kubeconfigs) {
        Target next = new Target(plan, kubeconfigs);
        if (!next.equals(target.get())) {
            target.set(next);
        }
    }

    /** Stops watching, e.g. when another plan is opened. */
    public void clear() {
        target.set(null);
    }

    // Properties

    public ReadOnlyObjectProperty<Target> targetProperty() {
        return target.getReadOnlyProperty();
    }
}
