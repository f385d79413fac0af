package dev.crossmesh.ui.shell;

import java.util.Objects;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/**
 * AtlantaFX's Primer theme, light or dark, as the user-agent stylesheet, with crossmesh's own stylesheet on top
 * (it uses the theme's colour variables, so both themes read well) and the chosen text size on the root.
 */
public final class ThemeManager {
    public static final String STYLESHEET = Objects.requireNonNull(ThemeManager.class.getResource("/dev/crossmesh/ui/crossmesh.css"),
            "crossmesh.css is missing from the resources").toExternalForm();

    private ThemeManager() {
    }

    /**
     * @param root the wizard's own root node: ControlsFX may wrap it in a DecorationPane that becomes the scene's
     *             root, so the text size goes on this node, not on whatever the scene's root is
     */
    public static void apply(Scene scene, Parent root, boolean dark, int textSize) {
        useTheme(dark);
        if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
        root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), dark);
        root.setStyle("-fx-font-size: " + textSize + "px;");
        root.getStyleClass().removeIf(c -> c.startsWith("text-size-"));
        root.getStyleClass().add("text-size-" + textSize);
    }

    /**
     * The theme as the user-agent stylesheet. Called before the first control is made, it also spares JavaFX's own
     * Modena, which the first control loads and styles with when no user-agent stylesheet is set yet (a tenth of the
     * wizard's CPU time to its first frame went to a stylesheet that was replaced right after).
     */
    public static void useTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** Back to JavaFX's own stylesheet: tests call it so that the theme does not leak into other test classes. */
    public static void reset() {
        Application.setUserAgentStylesheet(null);
    }
}
