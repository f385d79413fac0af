package dev.crossmesh.ui.core;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import atlantafx.base.theme.Styles;

/** A step's page: its title, one sentence on what it is for, and its content filling the rest. */
public class StepPage extends BorderPane {
    private final VBox head = new VBox(2);

    public StepPage(String title, String purpose) {
        getStyleClass().add("step-page");
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().addAll(Styles.TITLE_3, "step-title");
        Label purposeLabel = new Label(purpose);
        purposeLabel.getStyleClass().addAll(Styles.TEXT_MUTED, "step-purpose");
        purposeLabel.setWrapText(true);
        head.getChildren().addAll(titleLabel, purposeLabel);
        head.setPadding(new Insets(0, 0, 12, 0));
        setTop(head);
        setPadding(new Insets(18, 24, 12, 24));
    }

    /**
     * Hides the title and the sentence under it, for a page that needs every line of a short window (the stepper
     * still names the step), or shows them again.
     */
    protected void setHeadShown(boolean shown) {
        if (head.isManaged() != shown) {
            head.setVisible(shown);
            head.setManaged(shown);
        }
    }

    /** A toolbar or notice under the title, above the content. */
    protected void addToHead(Node node) {
        head.getChildren().add(node);
        VBox.setMargin(node, new Insets(10, 0, 0, 0));
    }

    protected void setContent(Node content) {
        setCenter(content);
        VBox.setVgrow(content, Priority.ALWAYS);
    }
}
