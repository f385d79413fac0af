package dev.crossmesh.ui.live;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import dev.crossmesh.ui.core.StepViewModel;

/** Step 6, the last one. Until the status monitor is wired in, the step says what it will show. */
public final class LiveStepViewModel implements StepViewModel {
    private final LiveStatusService service;
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");

    public LiveStepViewModel(LiveStatusService service) {
        this.service = service;
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
