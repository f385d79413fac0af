package dev.crossmesh.ui.core;

/** The system clipboard, behind an interface so that Copy can be tested without a screen. */
@FunctionalInterface
public interface ClipboardService {
    void copy(String text);
}
