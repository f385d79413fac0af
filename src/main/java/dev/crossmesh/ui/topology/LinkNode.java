package dev.crossmesh.ui.topology;

import javafx.scene.Group;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

import dev.crossmesh.ui.topology.LinkRouting.Curve;
import dev.crossmesh.ui.topology.LinkRouting.Point;

/**
 * One drawn link. Data-plane links are solid and thick; discovery links are dashed, thin and end in an arrow at the
 * cluster being read. A broken link turns red, dashed differently, and gets a break symbol halfway; a link with a
 * warning gets a warning symbol; one whose state cannot be known (an offline or connecting cluster) is dotted grey.
 * Colours come from the theme through topology.css.
 */
final class LinkNode extends Group {
    static final double ARROW_LENGTH = 11;
    static final double ARROW_HALF_WIDTH = 5.5;

    private final boolean arrow;
    private final Path line = new Path();
    private final Path hit = new Path();
    private final Polygon head = new Polygon();
    private final StackPane badge = new StackPane();
    private final FontIcon badgeIcon = new FontIcon(MaterialDesignL.LINK_VARIANT_OFF);
    /** Made on the first hover: a Tooltip is a popup with a scene of its own, too dear to make for every link up front. */
    private Tooltip tooltip;
    private String tooltipText = "";
    private boolean shown = true;
    private Health health;
    private Curve curve;
    /** Where along the curve the symbol sits: halfway, or near the end that causes the problem. */
    private double badgeAt = 0.5;

    LinkNode(String id, String kindClass, boolean arrow) {
        this.arrow = arrow;
        setId(id);
        getStyleClass().addAll("link", kindClass);
        line.getStyleClass().add("link-line");
        hit.getStyleClass().add("link-hit");
        head.getStyleClass().add("link-arrow");
        badge.getStyleClass().add("link-badge");
        badgeIcon.getStyleClass().add("link-badge-icon");
        badge.getChildren().add(badgeIcon);
        badge.setManaged(false);
        head.setVisible(arrow);
        getChildren().addAll(line, head, hit, badge);
        hit.setOnMouseEntered(e -> installTooltip());
        badge.setOnMouseEntered(e -> installTooltip());
    }

    private void installTooltip() {
        if (tooltip == null) {
            tooltip = new Tooltip(tooltipText);
            Tooltip.install(hit, tooltip);
            Tooltip.install(badge, tooltip);
        }
    }

    void setCurve(Curve c) {
        curve = c;
        for (Path p : new Path[] {line, hit}) {
            p.getElements().setAll(new MoveTo(c.start().x(), c.start().y()),
                    new CubicCurveTo(c.c1().x(), c.c1().y(), c.c2().x(), c.c2().y(), c.end().x(), c.end().y()));
        }
        if (arrow) {
            Point tip = c.end();
            Point dir = c.tangent(1);
            double len = Math.max(1e-6, Math.hypot(dir.x(), dir.y()));
            double ux = dir.x() / len;
            double uy = dir.y() / len;
            double bx = tip.x() - ux * ARROW_LENGTH;
            double by = tip.y() - uy * ARROW_LENGTH;
            head.getPoints().setAll(tip.x(), tip.y(), bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH, bx + uy * ARROW_HALF_WIDTH,
                    by - ux * ARROW_HALF_WIDTH);
        }
        placeBadge();
    }

    void setState(Health value, String text) {
        health = value;
        HealthIcons.styleHealth(this, value);
        boolean broken = value == Health.ERROR;
        if (broken != getStyleClass().contains("broken")) {
            if (broken) {
                getStyleClass().add("broken");
            } else {
                getStyleClass().remove("broken");
            }
        }
        badge.setVisible(shown && marked(value));
        org.kordamp.ikonli.Ikon symbol = value == Health.ERROR ? MaterialDesignL.LINK_VARIANT_OFF : MaterialDesignA.ALERT;
        if (badgeIcon.getIconCode() != symbol) {
            badgeIcon.setIconCode(symbol);
        }
        tooltipText = text;
        if (tooltip != null) {
            tooltip.setText(text);
        }
        setAccessibleText(text);
    }

    private static boolean marked(Health value) {
        return value == Health.ERROR || value == Health.WARNING;
    }

    /** Hides or shows the link and its symbol (which may live in another layer). */
    void setShown(boolean value) {
        shown = value;
        setVisible(value);
        badge.setVisible(value && health != null && marked(health));
    }

    boolean isShown() {
        return shown;
    }

    void setRelated(Boolean related) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("related"), Boolean.TRUE.equals(related));
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("unrelated"), Boolean.FALSE.equals(related));
    }

    private void placeBadge() {
        if (curve == null) {
            return;
        }
        Point mid = curve.at(badgeAt);
        double size = 20;
        badge.resizeRelocate(mid.x() - size / 2, mid.y() - size / 2, size, size);
    }

    Health health() {
        return health;
    }

    void setBadgeAt(double t) {
        if (t != badgeAt) {
            badgeAt = t;
            placeBadge();
        }
    }

    boolean isBroken() {
        return getStyleClass().contains("broken");
    }

    Curve curve() {
        return curve;
    }

    /** The symbol halfway along: shown for broken links and links with a warning. */
    StackPane badge() {
        return badge;
    }
}
