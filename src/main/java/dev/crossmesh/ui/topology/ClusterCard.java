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

/** A cluster's card: health symbol and name, istiod ready x/y, connection state. Sized by the layout to its text, so a change of state never moves anything. */
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

    /**
     * The size this card's text needs at its font, regular (three lines) or compact (two): what the layout makes room
     * for, so that a long name or a larger font never cuts a line.
     */
    double[] wantedSize(boolean compactSize) {
        if (shown == null) {
            return new double[] {0, 0};
        }
        double nameLine = icon.prefWidth(-1) + title.getSpacing() + textWidth(name, shown.name())
                + (shown.demo() && !compactSize ? title.getSpacing() + demo.prefWidth(-1) : 0);
        double second = textWidth(istiod, compactSize ? shown.compactText() : shown.istiodText());
        double third = compactSize ? 0 : textWidth(state, shown.stateText());
        double insetsW = snappedLeftInset() + snappedRightInset();
        double lines = Math.max(title.prefHeight(-1), name.prefHeight(-1)) + istiod.prefHeight(-1) + (compactSize ? 0 : state.prefHeight(-1));
        double gaps = getSpacing() * (compactSize ? 1 : 2);
        // the compact style's padding is smaller than the regular one's; the regular insets are an upper bound for both
        return new double[] {Math.ceil(Math.max(nameLine, Math.max(second, third)) + insetsW + 4), Math.ceil(lines + gaps + snappedTopInset() + snappedBottomInset() + 2)};
    }

    private static double textWidth(Label label, String text) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(label.getFont());
        return t.getLayoutBounds().getWidth();
    }

    ClusterNode shown() {
        return shown;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }
}
