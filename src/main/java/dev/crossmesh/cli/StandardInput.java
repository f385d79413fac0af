package dev.crossmesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether the end of a command's standard input means "the caller is done": true for a pipe or a file, which a
 * script closes to stop us; false for a terminal (reading it from a background job, {@code crossmesh demo &},
 * would stop the whole process with SIGTTIN) and for /dev/null (a script's {@code &} gives a background job
 * /dev/null, which ends at once and says nothing about the caller).
 */
final class StandardInput {
    private StandardInput() {
    }

    static boolean endMeansStop(InputStream in) {
        if (in == null) {
            return false; // no input at all: run until interrupted
        }
        if (in != System.in) {
            return true; // given by the caller (tests): it decides when input ends
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return !(target.equals("/dev/null") || target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
                    || target.startsWith("/dev/console"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // no /proc (macOS, Windows): ask the system another way
        }
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return System.console() == null;
        }
        try {
            if (Files.isSameFile(Path.of("/dev/stdin"), Path.of("/dev/null"))) {
                return false;
            }
        } catch (IOException e) {
            // keep asking
        }
        return !isTerminal();
    }

    /** {@code test -t 0} on our own standard input: the one check that works the same on every Unix. */
    private static boolean isTerminal() {
        try {
            Process test = new ProcessBuilder("sh", "-c", "test -t 0").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return test.waitFor(5, TimeUnit.SECONDS) && test.exitValue() == 0;
        } catch (IOException e) {
            return System.console() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.console() != null;
        }
    }

    /**
     * Calls {@code onEnd} from a daemon thread once {@code in} ends, when its end means stop (see
     * {@link #endMeansStop}); never otherwise. What is read is ignored: input is not a command channel.
     */
    static void onEnd(InputStream in, String threadName, Runnable onEnd) {
        if (!endMeansStop(in)) {
            return;
        }
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // ignored
                }
            } catch (IOException e) {
                // a closed or broken input ends like EOF
            }
            onEnd.run();
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }
}
