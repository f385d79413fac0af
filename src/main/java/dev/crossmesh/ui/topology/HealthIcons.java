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
        if (icon.getIconCode() != ikon(health)) {
            icon.setIconCode(ikon(health));
        }
        styleHealth(icon, health);
    }

    /**
     * Sets the health-* style class of any node, replacing the previous one. Does nothing when it is already set: a
     * style class change makes JavaFX apply CSS to the node and everything below it again, which is what costs under churn.
     */
    static void styleHealth(javafx.scene.Node node, Health health) {
        String wanted = health.styleClass();
        boolean has = false;
        boolean others = false;
        for (String c : node.getStyleClass()) {
            if (c.equals(wanted)) {
                has = true;
            } else if (c.startsWith("health-") && !c.equals("health-icon")) {
                others = true;
            }
        }
        if (has && !others) {
            return;
        }
        if (others) {
            node.getStyleClass().removeIf(c -> c.startsWith("health-") && !c.equals("health-icon") && !c.equals(wanted));
        }
        if (!has) {
            node.getStyleClass().add(wanted);
        }
    }
}
