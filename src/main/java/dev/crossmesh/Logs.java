package dev.crossmesh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where log records go. fabric8, Vert.x and the mock server log through slf4j, which slf4j-jdk14 hands to
 * java.util.logging, where crossmesh's own {@link System.Logger} records go too; none of them reaches the terminal or
 * a dialog: a library's WARN with a stack trace tells a user nothing to act on, and crossmesh reports every failure
 * itself, in one line that names the cluster. They go to {@code <home>/logs/crossmesh.log} instead (the folder 0700,
 * made on the first record), for a bug report. Nothing logged holds a token: crossmesh never logs one, and the one
 * library path that did (fabric8 logging a login plugin's output) is not taken ({@code kube.LoginPlugin}).
 */
public final class Logs {
    private static final long MAX_BYTES = 5L * 1024 * 1024;
    private static boolean installed;

    private Logs() {
    }

    /** Once per process, before any library logs: the CLI's and the wizard's entry points call it. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.WARNING);
        root.addHandler(new ToFile(AppDirs.home().resolve("logs")));
    }

    /** A log file made when the first record comes: commands that log nothing leave no file behind. */
    private static final class ToFile extends Handler {
        private final Path folder;
        private FileHandler file;
        private boolean failed;

        ToFile(Path folder) {
            this.folder = folder;
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (failed || !isLoggable(record)) {
                return;
            }
            if (file == null) {
                try {
                    SafeFiles.privateFolder(folder);
                    file = new FileHandler(folder.resolve("crossmesh.log").toString(), MAX_BYTES, 1, true);
                    file.setFormatter(new SimpleFormatter());
                } catch (IOException | RuntimeException e) {
                    failed = true; // a read-only home: records are dropped, never sent to the terminal instead
                    return;
                }
            }
            file.publish(record);
        }

        @Override
        public synchronized void flush() {
            if (file != null) {
                file.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
