package dev.crossmesh.ui.core;

import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;
import dev.crossmesh.plan.Finding;

/**
 * A form section: a heading, then one row per field with its label (and mnemonic), the control, one line of help,
 * and the validator's message when there is one.
 */
public final class FormGrid extends VBox {
    private final GridPane grid = new GridPane();
    private int row;

    public FormGrid(String heading) {
        getStyleClass().add("form-section");
        Label title = new Label(heading);
        title.getStyleClass().addAll(Styles.TITLE_4, "form-heading");
        grid.setHgap(14);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Control.USE_PREF_SIZE);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        getChildren().addAll(title, grid);
        setSpacing(8);
        setPadding(new Insets(12, 16, 14, 16));
    }

    /**
     * @param label   with an underscore before the mnemonic letter, e.g. "_Mesh ID"
     * @param problem the finding to show under the field, or null for a field that has none
     */
    public Control add(String label, Control control, String help, ObservableValue<Finding> problem) {
        addRow(label, control, control, help, problem == null ? null : FieldMessages.bind(control, problem));
        return control;
    }

    /** A field whose visible part is a group of controls (radio buttons); {@code focusTarget} takes the mnemonic. */
    public void addGroup(String label, Node group, Control focusTarget, String help) {
        addRow(label, group, focusTarget, help, null);
    }

    private void addRow(String text, Node node, Control focusTarget, String help, Label message) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(focusTarget);
        label.getStyleClass().add("form-label");
        VBox cell = new VBox(3, node);
        if (help != null && !help.isEmpty()) {
            Label helpLabel = new Label(help);
            helpLabel.getStyleClass().addAll("field-help", Styles.TEXT_MUTED);
            helpLabel.setWrapText(true);
            helpLabel.setMinHeight(Label.USE_PREF_SIZE);
            cell.getChildren().add(helpLabel);
        }
        if (message != null) {
            cell.getChildren().add(message);
        }
        GridPane.setValignment(label, VPos.TOP);
        GridPane.setMargin(label, new Insets(7, 0, 0, 0));
        grid.add(label, 0, row);
        grid.add(cell, 1, row);
        row++;
        label.managedProperty().bind(node.managedProperty());
        label.visibleProperty().bind(node.visibleProperty());
        cell.managedProperty().bind(node.managedProperty());
        cell.visibleProperty().bind(node.visibleProperty());
    }
}
