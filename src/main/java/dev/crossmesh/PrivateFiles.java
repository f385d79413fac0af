package dev.crossmesh;

import java.io.IOException;
import java.nio.file.Path;

/** Files that hold private keys or tokens: owner-only (0600), never written through a link. See {@link SafeFiles}. */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    public static void write(Path file, String text) throws IOException {
        SafeFiles.writePrivate(file, text);
    }
}
