package dev.crossmesh.ui.core;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What every wizard step keeps for the wizard: whether Next may be pressed and why not. The step sets both. */
public abstract class BaseStepViewModel implements StepViewModel {
    protected final ReadOnlyBooleanWrapper valid;
    protected final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");

    protected BaseStepViewModel() {
        this(false);
    }

    protected BaseStepViewModel(boolean initiallyValid) {
        valid = new ReadOnlyBooleanWrapper(this, "valid", initiallyValid);
    }

    @Override
    public final ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    @Override
    public final ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }
}
