package dev.crossmesh.ui.shell;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.WizardStep;

/**
 * The header: one chip per step with its number (a tick when done, a warning mark when it needs attention) and
 * its title; the current step stands out, steps that cannot be reached yet are dimmed. A click goes to a step.
 */
public final class StepperHeader extends HBox {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");
    private static final PseudoClass ATTENTION = PseudoClass.getPseudoClass("attention");
    private static final PseudoClass LOCKED = PseudoClass.getPseudoClass("locked");

    private final WizardViewModel wizard;
    private final java.util.Map<WizardStep, Label> names = new java.util.EnumMap<>(WizardStep.class);
    private boolean compact;

    public StepperHeader(WizardViewModel wizard) {
        this.wizard = wizard;
        getStyleClass().add("stepper");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(2);
        for (WizardStep step : WizardStep.values()) {
            if (step.ordinal() > 0) {
                getChildren().add(Icons.of(MaterialDesignC.CHEVRON_RIGHT, "stepper-separator"));
            }
            getChildren().add(chip(wizard, step));
        }
        wizard.currentProperty().addListener((obs, o, n) -> showNames());
    }

    /**
     * Where all step names do not fit (a narrow window with projector-size text), only the current step keeps its
     * name; the others show their number and their name as a tooltip. The header asks for the width with every name
     * (so that its parent gives it that room when there is some, and the names come back after Ctrl+0) and can go as
     * narrow as the numbers.
     */
    @Override
    protected void layoutChildren() {
        boolean tooNarrow = getWidth() > 0 && getWidth() < fullWidth() - 0.5;
        if (tooNarrow != compact) {
            compact = tooNarrow;
            showNames();
        }
        super.layoutChildren();
    }

    @Override
    protected double computePrefWidth(double height) {
        return fullWidth();
    }

    @Override
    protected double computeMinWidth(double height) {
        return fullWidth() - hiddenWhenCompact();
    }

    /** The width with every step's name shown. */
    private double fullWidth() {
        double shown = super.computePrefWidth(-1);
        for (java.util.Map.Entry<WizardStep, Label> e : names.entrySet()) {
            if (!e.getValue().isManaged()) {
                shown += e.getValue().prefWidth(-1) + NAME_GAP;
            }
        }
        return shown;
    }

    /** What hiding the names of the steps other than the current one saves. */
    private double hiddenWhenCompact() {
        double saved = 0;
        for (java.util.Map.Entry<WizardStep, Label> e : names.entrySet()) {
            if (e.getKey() != wizard.current()) {
                saved += e.getValue().prefWidth(-1) + NAME_GAP;
            }
        }
        return saved;
    }

    /** The gap between a chip's number and its name. */
    private static final double NAME_GAP = 8;

    private void showNames() {
        names.forEach((step, name) -> {
            boolean show = !compact || step == wizard.current();
            name.setManaged(show);
            name.setVisible(show);
        });
    }

    private Button chip(WizardViewModel wizard, WizardStep step) {
        Label number = new Label(String.valueOf(step.number()));
        number.getStyleClass().add("step-number");
        StackPane badge = new StackPane(number);
        badge.getStyleClass().add("step-badge");
        Label title = new Label(step.title());
        title.getStyleClass().add("step-name");
        names.put(step, title);
        HBox content = new HBox(NAME_GAP, badge, title);
        content.setAlignment(Pos.CENTER_LEFT);

        Button chip = new Button(null, content);
        chip.getStyleClass().add("step-chip");
        chip.setId("step-" + step.name().toLowerCase(java.util.Locale.ROOT));
        chip.setFocusTraversable(false);
        chip.setOnAction(e -> wizard.goTo(step));
        Runnable show = () -> {
            StepState state = wizard.stateProperty(step).get();
            chip.pseudoClassStateChanged(CURRENT, state == StepState.CURRENT);
            chip.pseudoClassStateChanged(DONE, state == StepState.DONE);
            chip.pseudoClassStateChanged(ATTENTION, state == StepState.ATTENTION);
            chip.pseudoClassStateChanged(LOCKED, state == StepState.LOCKED);
            number.setGraphic(switch (state) {
                case DONE -> Icons.small(MaterialDesignC.CHECK_BOLD);
                case ATTENTION -> Icons.small(MaterialDesignA.ALERT);
                default -> null;
            });
            number.setText(state == StepState.DONE || state == StepState.ATTENTION ? "" : String.valueOf(step.number()));
            chip.getProperties().put("state", state);
            chip.setTooltip(new Tooltip("Step " + step.number() + " of " + WizardStep.values().length + ": " + step.title() + " — "
                    + describe(state) + " (Ctrl+" + step.number() + ")"));
        };
        wizard.stateProperty(step).addListener((obs, o, n) -> show.run());
        show.run();
        return chip;
    }

    private static String describe(StepState state) {
        return switch (state) {
            case CURRENT -> "you are here";
            case DONE -> "done";
            case ATTENTION -> "needs attention again";
            case OPEN -> "next";
            case LOCKED -> "finish the steps before it first";
        };
    }
}
