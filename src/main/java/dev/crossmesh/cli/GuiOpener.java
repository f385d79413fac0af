package dev.crossmesh.cli;

import dev.crossmesh.GuiRequest;

/** Opens the GUI. The launcher provides it, since the CLI must not depend on JavaFX. */
@FunctionalInterface
public interface GuiOpener {
    /** @return the exit code once the window closes */
    int open(GuiRequest request);
}
