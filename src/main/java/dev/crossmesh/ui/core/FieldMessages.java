package dev.crossmesh.ui.core;

import java.util.Collection;
import java.util.List;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;

import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import atlantafx.base.theme.Styles;
import dev.crossmesh.plan.Finding;

/**
 * Shows a field's finding the way the validator wrote it: a ControlsFX decoration on the field (an icon with the
 * message as tooltip), the field's border in the danger or warning colour, and the message as text under the field
 * so that it can be read without hovering, also on a projector.
 */
public final class FieldMessages {
    private static final GraphicValidationDecoration DECORATION = new IconDecoration();

    private FieldMessages() {
    }

    /** @return the label under the field that shows the message; it takes no space while there is none */
    public static Label bind(Control field, ObservableValue<Finding> finding) {
        Label label = new Label();
        label.getStyleClass().add("field-message");
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Label.USE_PREF_SIZE);
        show(field, label, finding.getValue());
        finding.addListener((obs, old, now) -> show(field, label, now));
        return label;
    }

    /** A message line without a field to decorate, e.g. for a card's context. */
    public static Label messageOnly(ObservableValue<Finding> finding) {
        Label label = new Label();
        label.getStyleClass().add("field-message");
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Label.USE_PREF_SIZE);
        showText(label, finding.getValue());
        finding.addListener((obs, old, now) -> showText(label, now));
        return label;
    }

    private static void showText(Label label, Finding finding) {
        label.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
        label.setText(finding == null ? "" : finding.message());
        label.setVisible(finding != null);
        label.setManaged(finding != null);
        if (finding != null) {
            label.getStyleClass().add(finding.isError() ? Styles.DANGER : Styles.WARNING);
        }
    }

    private static void show(Control field, Label label, Finding finding) {
        DECORATION.removeDecorations(field);
        field.pseudoClassStateChanged(Styles.STATE_DANGER, finding != null && finding.isError());
        field.pseudoClassStateChanged(Styles.STATE_WARNING, finding != null && !finding.isError());
        label.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
        if (finding == null) {
            label.setText("");
            label.setGraphic(null);
            label.setVisible(false);
            label.setManaged(false);
            return;
        }
        DECORATION.applyValidationDecoration(finding.isError()
                ? ValidationMessage.error(field, finding.message()) : ValidationMessage.warning(field, finding.message()));
        label.setText(finding.message());
        label.getStyleClass().add(finding.isError() ? Styles.DANGER : Styles.WARNING);
        label.setVisible(true);
        label.setManaged(true);
    }

    /** ControlsFX's graphic decoration with theme-coloured icons instead of its small bitmaps. */
    private static final class IconDecoration extends GraphicValidationDecoration {
        @Override
        protected Node createErrorNode() {
            return Icons.of(MaterialDesignA.ALERT_CIRCLE, "decoration-error");
        }

        @Override
        protected Node createWarningNode() {
            return Icons.of(MaterialDesignA.ALERT, "decoration-warning");
        }

        @Override
        protected Collection<Decoration> createValidationDecorations(ValidationMessage message) {
            Node graphic = message.getSeverity() == Severity.ERROR ? createErrorNode()
                    : message.getSeverity() == Severity.WARNING ? createWarningNode() : Icons.of(MaterialDesignC.CHECK_CIRCLE);
            Tooltip.install(graphic, new Tooltip(message.getText()));
            return List.of(new GraphicDecoration(graphic, javafx.geometry.Pos.CENTER_RIGHT, -8, 0));
        }
    }
}
