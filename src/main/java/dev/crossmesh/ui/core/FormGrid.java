package dev.crossmesh.ui.core;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import dev.crossmesh.plan.Finding;

/**
 * A form section: a heading, then per field its label (with mnemonic) above the control, one line of help, and
 * the validator's message when there is one. Labels above fields leave the help its full width at 1024 pixels.
 */
public final class FormGrid extends VBox {
    private final VBox fields = new VBox(12);

    public FormGrid(String heading) {
        getStyleClass().add("form-section");
        Label title = new Label(heading);
        title.getStyleClass().addAll(Styles.TITLE_4, "form-heading");
        getChildren().addAll(title, fields);
        setSpacing(8);
        setPadding(new Insets(12, 16, 14, 16));
    }

    /**
     * @param label   with an underscore before the mnemonic letter, e.g. "_Mesh ID"
     * @param problem the finding to show under the field, or null for a field that has none
     */
    public Control add(String label, Control control, String help, ObservableValue<Finding> problem) {
        addField(label, control, control, help, problem == null ? null : FieldMessages.bind(control, problem));
        return control;
    }

    /** A field whose visible part is a group of controls (radio buttons); {@code focusTarget} takes the mnemonic. */
    public void addGroup(String label, Node group, Control focusTarget, String help) {
        addField(label, group, focusTarget, help, null);
    }

    private void addField(String text, Node node, Control focusTarget, String help, Label message) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(focusTarget);
        label.getStyleClass().add("form-label");
        VBox field = new VBox(4, label, node);
        if (help != null && !help.isEmpty()) {
            Label helpLabel = new Label(help);
            helpLabel.getStyleClass().addAll("field-help", Styles.TEXT_MUTED);
            helpLabel.setWrapText(true);
            helpLabel.setMinHeight(Label.USE_PREF_SIZE);
            field.getChildren().add(helpLabel);
        }
        if (message != null) {
            field.getChildren().add(message);
        }
        field.managedProperty().bind(node.managedProperty());
        field.visibleProperty().bind(node.visibleProperty());
        fields.getChildren().add(field);
    }
}
