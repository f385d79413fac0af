package dev.crossmesh.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.junit.jupiter.api.Test;

import dev.crossmesh.ui.core.StepViewModel;
import dev.crossmesh.ui.core.WizardStep;

class WizardViewModelTest {
    private final Map<WizardStep, FakeStep> fakes = new EnumMap<>(WizardStep.class);
    private final List<String> events = new ArrayList<>();
    private final WizardViewModel wizard;

    WizardViewModelTest() {
        Map<WizardStep, StepViewModel> steps = new EnumMap<>(WizardStep.class);
        for (WizardStep s : WizardStep.values()) {
            FakeStep f = new FakeStep(s.name());
            fakes.put(s, f);
            steps.put(s, f);
        }
        wizard = new WizardViewModel(steps);
    }

    @Test
    void nextIsEnabledOnlyWhenTheCurrentStepIsValid() {
        assertFalse(wizard.canGoNextProperty().get());
        assertEquals("CLUSTERS is not done", wizard.blockerProperty().get());
        assertFalse(wizard.canGoBackProperty().get());
        fakes.get(WizardStep.CLUSTERS).valid.set(true);
        assertTrue(wizard.canGoNextProperty().get());
        assertEquals("", wizard.blockerProperty().get());
        wizard.next();
        assertEquals(WizardStep.MESH, wizard.current());
        assertEquals(List.of("enter CLUSTERS", "leave CLUSTERS", "enter MESH"), events);
        assertTrue(wizard.canGoBackProperty().get());
        assertFalse(wizard.canGoNextProperty().get());
        wizard.next();
        assertEquals(WizardStep.MESH, wizard.current(), "next does nothing while the step is invalid");
    }

    @Test
    void theHeaderShowsWhereTheUserIsWhatIsDoneAndWhatIsNext() {
        fakes.get(WizardStep.CLUSTERS).valid.set(true);
        assertEquals(StepState.CURRENT, wizard.stateProperty(WizardStep.CLUSTERS).get());
        assertEquals(StepState.OPEN, wizard.stateProperty(WizardStep.MESH).get());
        assertEquals(StepState.LOCKED, wizard.stateProperty(WizardStep.NETWORKS).get());
        wizard.next();
        assertEquals(StepState.DONE, wizard.stateProperty(WizardStep.CLUSTERS).get());
        fakes.get(WizardStep.CLUSTERS).valid.set(false);
        assertEquals(StepState.ATTENTION, wizard.stateProperty(WizardStep.CLUSTERS).get());
        assertFalse(wizard.isReachable(WizardStep.NETWORKS));
    }

    @Test
    void stepsAreReachableWhenEveryStepBeforeIsValid() {
        fakes.values().forEach(f -> f.valid.set(true));
        assertTrue(wizard.goTo(WizardStep.PREVIEW));
        assertEquals(WizardStep.PREVIEW, wizard.current());
        fakes.get(WizardStep.MESH).valid.set(false);
        assertFalse(wizard.goTo(WizardStep.APPLY));
        assertTrue(wizard.goTo(WizardStep.MESH), "going back is always allowed");
        wizard.jumpTo(WizardStep.LIVE);
        assertEquals(WizardStep.LIVE, wizard.current(), "the live view of an applied plan opens directly");
        fakes.get(WizardStep.MESH).valid.set(true);
        wizard.restart();
        assertEquals(WizardStep.CLUSTERS, wizard.current());
        assertEquals(StepState.OPEN, wizard.stateProperty(WizardStep.PREVIEW).get(), "restart forgets what was done");
    }

    private final class FakeStep implements StepViewModel {
        final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
        final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper();
        final String name;

        FakeStep(String name) {
            this.name = name;
            blocker.bind(javafx.beans.binding.Bindings.when(valid).then("").otherwise(name + " is not done"));
        }

        @Override
        public ReadOnlyBooleanProperty validProperty() {
            return valid.getReadOnlyProperty();
        }

        @Override
        public ReadOnlyStringProperty blockerProperty() {
            return blocker.getReadOnlyProperty();
        }

        @Override
        public void entered() {
            events.add("enter " + name);
        }

        @Override
        public void left() {
            events.add("leave " + name);
        }
    }
}
