package dev.crossmesh.ui.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Turns what a background task threw into a sentence for a dialog or a status line; never a stack trace. */
public final class UserMessages {
    private UserMessages() {
    }

    public static String describe(Throwable t) {
        if (t instanceof AccessDeniedException e) {
            return "no permission to write or read " + e.getFile() + ": pick a folder you own";
        }
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + " does not exist";
        }
        if (t instanceof FileSystemException e && e.getReason() != null) {
            return e.getFile() + ": " + e.getReason();
        }
        if (t instanceof IOException && t.getMessage() != null) {
            return t.getMessage();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "an unexpected " + t.getClass().getSimpleName() + " happened";
        }
        return message.lines().findFirst().orElse(message);
    }
}
