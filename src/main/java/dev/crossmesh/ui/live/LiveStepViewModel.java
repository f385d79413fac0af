package dev.crossmesh.ui.live;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.ui.core.StepViewModel;

/**
 * Step 6, the last one: which mesh the live view watches. It is the plan as last applied, reached through the
 * kubeconfig files the Clusters step used; until something was applied there is nothing to watch.
 */
public final class LiveStepViewModel implements StepViewModel {
    /** The mesh to watch and the kubeconfig files that reach its clusters. */
    public record Target(MeshPlan plan, Kubeconfigs kubeconfigs) {
    }

    private final ReadOnlyObjectWrapper<Target> target = new ReadOnlyObjectWrapper<>(this, "target");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");

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

    @Override
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }
}
