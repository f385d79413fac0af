package dev.crossmesh.ui.core;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Material Design icons. Their size comes from crossmesh.css, per text size ({@code .text-size-N} on the root),
 * because Ikonli's icon size does not follow em units: icons grow with the View menu's text size.
 */
public final class Icons {
    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("cm-icon");
        return icon;
    }

    public static FontIcon of(Ikon ikon, String styleClass) {
        FontIcon icon = of(ikon);
        icon.getStyleClass().add(styleClass);
        return icon;
    }

    /** A smaller icon, e.g. the tick inside a step's badge. */
    public static FontIcon small(Ikon ikon) {
        return of(ikon, "icon-small");
    }

    /** A large icon, e.g. the illustration of an empty state. */
    public static FontIcon large(Ikon ikon) {
        return of(ikon, "icon-large");
    }
}
