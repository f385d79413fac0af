package dev.crossmesh.ui.shell;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import dev.crossmesh.ui.core.StepViewModel;
import dev.crossmesh.ui.core.WizardStep;

/**
 * The wizard as a flow: which step is current, whether Back and Next may be pressed (Next only when the current
 * step is valid), and how the header shows every step. A step is reachable when every step before it is valid.
 */
public final class WizardViewModel {
    private final Map<WizardStep, StepViewModel> steps;
    private final ReadOnlyObjectWrapper<WizardStep> current = new ReadOnlyObjectWrapper<>(this, "current", WizardStep.CLUSTERS);
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");
    private final ReadOnlyBooleanWrapper canGoNext = new ReadOnlyBooleanWrapper(this, "canGoNext");
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper(this, "blocker", "");
    private final Map<WizardStep, ReadOnlyObjectWrapper<StepState>> states = new EnumMap<>(WizardStep.class);
    /** Steps the user went on from while they were valid: the header ticks them, or flags them once they are not valid any more. */
    private final Set<WizardStep> completed = EnumSet.noneOf(WizardStep.class);

    public WizardViewModel(Map<WizardStep, StepViewModel> steps) {
        if (!steps.keySet().containsAll(EnumSet.allOf(WizardStep.class))) {
            throw new IllegalArgumentException("every step needs a view-model, got " + steps.keySet());
        }
        this.steps = new EnumMap<>(steps);
        for (WizardStep step : WizardStep.values()) {
            states.put(step, new ReadOnlyObjectWrapper<>(this, step.name() + "State", StepState.LOCKED));
            this.steps.get(step).validProperty().addListener((obs, was, now) -> update());
            this.steps.get(step).blockerProperty().addListener((obs, was, now) -> update());
        }
        update();
        this.steps.get(WizardStep.CLUSTERS).entered();
    }

    // Properties

    public ReadOnlyObjectProperty<WizardStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public WizardStep current() {
        return current.get();
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoNextProperty() {
        return canGoNext.getReadOnlyProperty();
    }

    /** Why Next is disabled, from the current step; "" when it is enabled. */
    public ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StepState> stateProperty(WizardStep step) {
        return states.get(step).getReadOnlyProperty();
    }

    public StepViewModel step(WizardStep step) {
        return steps.get(step);
    }

    /** Every step before {@code step} is valid. */
    public boolean isReachable(WizardStep step) {
        for (WizardStep before : WizardStep.values()) {
            if (before.ordinal() >= step.ordinal()) {
                return true;
            }
            if (!steps.get(before).validProperty().get()) {
                return false;
            }
        }
        return true;
    }

    // Commands

    public void next() {
        if (canGoNext.get()) {
            go(WizardStep.values()[current.get().ordinal() + 1]);
        }
    }

    public void back() {
        if (canGoBack.get()) {
            go(WizardStep.values()[current.get().ordinal() - 1]);
        }
    }

    /** Goes to a step if it is reachable (going back always is). @return whether it went */
    public boolean goTo(WizardStep step) {
        if (step == current.get() || !isReachable(step)) {
            return false;
        }
        go(step);
        return true;
    }

    /**
     * Shows a step even when steps before it are not done: for {@code crossmesh live --plan FILE}, which opens
     * straight into the live view of a mesh applied earlier.
     */
    public void jumpTo(WizardStep step) {
        if (step != current.get()) {
            go(step);
        }
    }

    /** Starts over at the first step, e.g. after New or Open; what was visited is forgotten. */
    public void restart() {
        completed.clear();
        go(WizardStep.CLUSTERS);
    }

    // internals

    private void go(WizardStep step) {
        WizardStep from = current.get();
        if (from != step) {
            if (step.ordinal() > from.ordinal() && steps.get(from).validProperty().get()) {
                completed.add(from);
            }
            steps.get(from).left();
        }
        current.set(step);
        update();
        steps.get(step).entered();
    }

    private void update() {
        WizardStep now = current.get();
        StepViewModel vm = steps.get(now);
        canGoBack.set(now.ordinal() > 0);
        canGoNext.set(now.ordinal() < WizardStep.values().length - 1 && vm.validProperty().get());
        blocker.set(vm.validProperty().get() ? "" : vm.blockerProperty().get());
        for (WizardStep step : WizardStep.values()) {
            StepState state;
            boolean valid = steps.get(step).validProperty().get();
            if (step == now) {
                state = StepState.CURRENT;
            } else if (!isReachable(step)) {
                state = StepState.LOCKED;
            } else if (completed.contains(step)) {
                state = valid ? StepState.DONE : StepState.ATTENTION;
            } else {
                state = StepState.OPEN;
            }
            states.get(step).set(state);
        }
    }
}
