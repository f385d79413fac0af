package dev.crossmesh.ui.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanValidator;

/**
 * The plan being edited: the one source of truth every step reads and writes, with its validation findings kept
 * current. Steps sync their fields from it on every change and write every edit back through {@link #update}.
 */
public final class PlanModel {
    /** What a new plan starts with: the mesh ID Istio's own guides use, and no clusters yet. */
    public static final String NEW_MESH_ID = "mesh1";

    private final ReadOnlyObjectWrapper<MeshPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ReadOnlyObjectWrapper<List<Finding>> findings = new ReadOnlyObjectWrapper<>(this, "findings", List.of());
    private final List<Consumer<MeshPlan>> replacedListeners = new ArrayList<>();

    public PlanModel() {
        this(newPlan());
    }

    public PlanModel(MeshPlan initial) {
        plan.addListener((obs, old, now) -> findings.set(PlanValidator.validate(now)));
        plan.set(initial);
    }

    public static MeshPlan newPlan() {
        return MeshPlan.of(NEW_MESH_ID, List.of());
    }

    // Properties

    public ReadOnlyObjectProperty<MeshPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public MeshPlan plan() {
        return plan.get();
    }

    /** {@code PlanValidator.validate(plan())}: the findings {@code crossmesh validate} prints, path by path. */
    public ReadOnlyObjectProperty<List<Finding>> findingsProperty() {
        return findings.getReadOnlyProperty();
    }

    public List<Finding> findings() {
        return findings.get();
    }

    // Commands

    public void update(UnaryOperator<MeshPlan> edit) {
        MeshPlan now = edit.apply(plan.get());
        if (!now.equals(plan.get())) {
            plan.set(now);
        }
    }

    /** A plan opened from a file or a new one: every step shows it from scratch, dropping half-typed input. */
    public void replace(MeshPlan value) {
        plan.set(value);
        List.copyOf(replacedListeners).forEach(l -> l.accept(value));
    }

    /** Called after {@link #replace}, once the plan property holds the new plan. */
    public void addReplacedListener(Consumer<MeshPlan> listener) {
        replacedListeners.add(listener);
    }
}
