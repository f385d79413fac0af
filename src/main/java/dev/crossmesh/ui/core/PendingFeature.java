package dev.crossmesh.ui.core;

import java.util.List;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.Ikon;

import atlantafx.base.theme.Styles;

/** An honest empty state for a step whose engine is not wired in yet: what it will do, and what to do meanwhile. */
public final class PendingFeature extends VBox {
    public PendingFeature(Ikon ikon, String headline, List<String> willDo, String meanwhile, Node action) {
        getStyleClass().add("pending-feature");
        setAlignment(Pos.TOP_CENTER);
        setSpacing(12);
        setPadding(new Insets(28, 24, 24, 24));
        setMaxWidth(760);

        Node icon = Icons.large(ikon);
        Label title = new Label(headline);
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        VBox steps = new VBox(6);
        steps.setMaxWidth(640);
        int n = 1;
        for (String item : willDo) {
            Label number = new Label(n++ + ".");
            number.setMinWidth(Label.USE_PREF_SIZE);
            Label line = new Label(item);
            line.setWrapText(true);
            steps.getChildren().add(new javafx.scene.layout.HBox(8, number, line));
        }
        Label then = new Label(meanwhile);
        then.getStyleClass().add(Styles.TEXT_MUTED);
        then.setWrapText(true);
        then.setMaxWidth(640);
        getChildren().addAll(icon, title, steps, then);
        if (action != null) {
            getChildren().add(action);
        }
    }
}
