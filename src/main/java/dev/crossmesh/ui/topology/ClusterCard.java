package dev.crossmesh.ui.topology;

import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;

import dev.crossmesh.ui.topology.TopologyModel.ClusterNode;

/** A cluster's card: health symbol and name, istiod ready x/y, connection state. Fixed size, so a change never moves anything. */
final class ClusterCard extends VBox {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final FontIcon icon = HealthIcons.icon(Health.UNKNOWN);
    private final Label name = new Label();
    private final Label demo = new Label("demo");
    private final HBox title;
    private final Label istiod = new Label();
    private final Label state = new Label();
    private final Tooltip tooltip = new Tooltip();
    private ClusterNode shown;
    private boolean compact;

    ClusterCard(ClusterNode node) {
        getStyleClass().add("cluster-card");
        setId("cluster-" + node.name());
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.BUTTON);
        name.getStyleClass().add("cluster-name");
        name.setMinWidth(0);
        istiod.getStyleClass().add("cluster-istiod");
        state.getStyleClass().add("cluster-state");
        demo.getStyleClass().add("cluster-demo-tag");
        demo.setMinWidth(Label.USE_PREF_SIZE);
        demo.setVisible(false);
        demo.setManaged(false);
        title = new HBox(6, icon, name, demo);
        title.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.ALWAYS);
        getChildren().addAll(title, istiod, state);
        setMinSize(0, 0);
        Tooltip.install(this, tooltip);
        update(node);
    }

    void update(ClusterNode node) {
        if (node.equals(shown)) {
            return;
        }
        shown = node;
        HealthIcons.set(icon, node.health());
        HealthIcons.styleHealth(this, node.health());
        name.setText(node.name());
        showText();
        String detail = node.stateDetail().isEmpty() ? "" : "\n" + node.stateDetail();
        tooltip.setText(node.name() + " (context " + node.context() + (node.demo() ? ", demo cluster" : "") + ")" + (node.region().isEmpty() ? "" : ", " + node.region()) + "\n" + node.health().title()
                + ": " + node.stateText() + detail + "\nClick for details");
        setAccessibleText("cluster " + node.name() + (node.demo() ? ", demo" : "") + ", " + node.health().label() + ", " + node.istiodText() + ", " + node.stateText());
    }

    /** Two lines instead of three: "istiod 1/1 ready · synced" under the name. */
    void setCompact(boolean value) {
        if (value != compact) {
            compact = value;
            state.setVisible(!value);
            state.setManaged(!value);
            pseudoClassStateChanged(PseudoClass.getPseudoClass("compact"), value);
            showText();
        }
    }

    private void showText() {
        if (shown == null) {
            return;
        }
        istiod.setText(compact ? shown.compactText() : shown.istiodText());
        requestLayout();
        state.setText(shown.stateText());
    }

    /** The demo tag only where the whole name fits beside it: the name comes first, and the tooltip, details and heading still say demo. */
    @Override
    protected void layoutChildren() {
        boolean tagged = shown != null && shown.demo() && !compact;
        if (tagged) {
            double room = getWidth() - snappedLeftInset() - snappedRightInset() - title.getSpacing() * 2 - icon.prefWidth(-1);
            tagged = name.prefWidth(-1) + demo.prefWidth(-1) <= room;
        }
        if (demo.isManaged() != tagged) {
            demo.setVisible(tagged);
            demo.setManaged(tagged);
        }
        super.layoutChildren();
    }

    ClusterNode shown() {
        return shown;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }
}
