package dev.crossmesh;

import java.nio.file.Path;

/**
 * What the GUI is asked to open; the CLI and the launcher pass it to the UI without knowing JavaFX.
 *
 * @param plan       a plan file to open, or null
 * @param live       open straight into the live topology view of that plan
 * @param kubeconfig a kubeconfig to use instead of the default ones (e.g. the demo clusters'), or null
 */
public record GuiRequest(Path plan, boolean live, Path kubeconfig) {
    public static GuiRequest wizard() {
        return new GuiRequest(null, false, null);
    }
}
