package dev.crossmesh.ui.core;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** What the wizard needs from every step: whether Next may be pressed, why not, and when the step is shown or left. */
public interface StepViewModel {

    /** True when the step's input is complete and valid, so that Next is enabled. */
    ReadOnlyBooleanProperty validProperty();

    /** Why the step is not valid yet, in one sentence for the footer; "" when it is. */
    ReadOnlyStringProperty blockerProperty();

    /** Called when the step becomes the current one. */
    default void entered() {
    }

    /** Called when the wizard moves away from the step. */
    default void left() {
    }
}
