package dev.crossmesh.verify;

import java.util.Locale;

/** Whether a client reached every cluster its topology says it must ({@code ok}), only some ({@code partial}), or none but its own ({@code failed}). */
public enum Verdict {
    OK, PARTIAL, FAILED;

    /** {@code ok}, {@code partial}, {@code failed}: as --json prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
