package dev.crossmesh.certs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The mesh CA folder cannot be used as it is: a damaged file, or the root key needed but moved away. The message is
 * complete (it names the file and says what to do); nothing in the folder was changed.
 */
public class MeshCaException extends IOException {
    private final Path file;

    public MeshCaException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public MeshCaException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file (or folder) the message is about. */
    public Path file() {
        return file;
    }
}
