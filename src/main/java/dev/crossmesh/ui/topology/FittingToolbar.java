package dev.crossmesh.ui.topology;

import java.util.List;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * A toolbar whose buttons show their icon and label while they all fit, and only their icon (the label then leads the
 * tooltip) once the window is too narrow or the text too large: a button is never cut to "Expo…".
 */
final class FittingToolbar extends HBox {
    private final List<ButtonBase> buttons;
    private boolean iconsOnly;

    FittingToolbar(List<ButtonBase> buttons) {
        this.buttons = List.copyOf(buttons);
        for (ButtonBase b : this.buttons) {
            b.setMinWidth(USE_PREF_SIZE);
            String label = b.getText();
            Tooltip tip = b.getTooltip();
            String detail = tip == null ? "" : tip.getText();
            b.setTooltip(new Tooltip(detail.isEmpty() ? label : label + ": " + detail));
            b.setAccessibleText(label);
        }
    }

    boolean iconsOnly() {
        return iconsOnly;
    }

    /** What showing its label adds to a button that shows only its icon. */
    private static double labelWidth(ButtonBase b) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(b.getText());
        t.setFont(b.getFont());
        return Math.ceil(t.getLayoutBounds().getWidth()) + b.getGraphicTextGap() + 2;
    }

    /** As narrow as the icons alone: the window, not the toolbar, decides the width. */
    @Override
    protected double computeMinWidth(double height) {
        double width = snappedLeftInset() + snappedRightInset();
        int shown = 0;
        for (javafx.scene.Node n : getChildren()) {
            if (!n.isManaged()) {
                continue;
            }
            shown++;
            if (n instanceof ButtonBase b && buttons.contains(b)) {
                width += (b.getGraphic() == null ? 0 : b.getGraphic().prefWidth(-1)) + b.snappedLeftInset() + b.snappedRightInset();
            } else {
                width += n.minWidth(-1);
            }
        }
        return width + getSpacing() * Math.max(0, shown - 1);
    }

    @Override
    protected void layoutChildren() {
        double others = 0;
        double wanted = 0;
        for (javafx.scene.Node n : getChildren()) {
            if (!n.isManaged()) {
                continue;
            }
            if (n instanceof ButtonBase b && buttons.contains(b)) {
                wanted += b.prefWidth(-1) + (iconsOnly ? labelWidth(b) : 0);
            } else if (n.getStyleClass().contains("toolbar-spacer")) {
                continue;
            } else {
                others += n.prefWidth(-1);
            }
        }
        long shown = getChildren().stream().filter(javafx.scene.Node::isManaged).count();
        double room = getWidth() - snappedLeftInset() - snappedRightInset() - getSpacing() * Math.max(0, shown - 1) - others;
        boolean compact = wanted > room;
        if (compact != iconsOnly) {
            iconsOnly = compact;
            buttons.forEach(b -> b.setContentDisplay(compact ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT));
        }
        super.layoutChildren();
    }
}
