package dev.crossmesh.ui.topology;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** One symbol per health, so that it reads without colour: tick, triangle, cross, unplugged cable, question mark. */
final class HealthIcons {
    private HealthIcons() {
    }

    static Ikon ikon(Health health) {
        return switch (health) {
            case OK -> MaterialDesignC.CHECK_CIRCLE;
            case WARNING -> MaterialDesignA.ALERT;
            case ERROR -> MaterialDesignC.CLOSE_CIRCLE;
            case OFFLINE -> MaterialDesignL.LAN_DISCONNECT;
            case UNKNOWN -> MaterialDesignH.HELP_CIRCLE_OUTLINE;
        };
    }

    /** An icon coloured by the health's style class (see topology.css). */
    static FontIcon icon(Health health) {
        FontIcon icon = new FontIcon(ikon(health));
        icon.getStyleClass().addAll("health-icon", health.styleClass());
        return icon;
    }

    /** Points an existing icon at another health: symbol and colour together. */
    static void set(FontIcon icon, Health health) {
        icon.setIconCode(ikon(health));
        icon.getStyleClass().removeIf(c -> c.startsWith("health-") && !c.equals("health-icon"));
        icon.getStyleClass().add(health.styleClass());
    }

    /** Sets the health-* style class of any node, replacing the previous one. */
    static void styleHealth(javafx.scene.Node node, Health health) {
        node.getStyleClass().removeIf(c -> c.startsWith("health-") && !c.equals("health-icon"));
        node.getStyleClass().add(health.styleClass());
    }
}
