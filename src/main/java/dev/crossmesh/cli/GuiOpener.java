package dev.crossmesh.cli;

import java.nio.file.Path;

/** Opens the GUI. The launcher provides it, since the CLI must not depend on JavaFX. */
@FunctionalInterface
public interface GuiOpener {
    /**
     * @param plan a plan file to open, or null
     * @param live open straight into the live topology view of that plan
     * @return the exit code once the window closes
     */
    int open(Path plan, boolean live);
}
