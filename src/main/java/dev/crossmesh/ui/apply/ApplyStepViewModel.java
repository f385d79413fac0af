package dev.crossmesh.ui.apply;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import dev.crossmesh.ui.core.StepViewModel;

/**
 * Step 5. Until the apply engine is wired in ({@link ApplyService#available()} false) the step explains what it
 * will do and points at the export; it never shows results it did not get from a cluster.
 */
public final class ApplyStepViewModel implements StepViewModel {
    private final ApplyService service;
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");

    public ApplyStepViewModel(ApplyService service) {
        this.service = service;
        blocker.set(service.available() ? "Apply the mesh to continue to its live view."
                : "Applying arrives with the apply engine; meanwhile export the manifests in the Preview step and run apply.sh.");
    }

    public boolean available() {
        return service.available();
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
