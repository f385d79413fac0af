package dev.crossmesh.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process's standard output, read on a thread of its own so that waiting for a line has a deadline,
 * and its standard error in a file, whose end is quoted when the child fails.
 */
final class ChildLines {
    private static final String END = "\u0000end";
    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildLines(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process went away: the END marker below says so
            }
            lines.add(END);
        }, "bench-child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the process with its standard error going to {@code stderr}. */
    static ChildLines start(ProcessBuilder builder, Path stderr) throws IOException {
        Files.createDirectories(stderr.toAbsolutePath().getParent());
        builder.redirectError(stderr.toFile());
        return new ChildLines(builder.start(), stderr);
    }

    Process process() {
        return process;
    }

    /** The first line that matches, within the timeout; fails with the end of the child's stderr otherwise. */
    String await(Predicate<String> wanted, long timeoutMillis, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw failure("no " + what + " within " + timeoutMillis / 1000 + " s");
            }
            if (END.equals(line)) {
                lines.add(END);
                throw failure("the process ended without " + what);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to end by itself, then ends it. */
    void finish(long timeoutMillis) throws InterruptedException {
        if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    IOException failure(String what) throws IOException {
        String tail = "";
        if (Files.isReadable(stderr)) {
            List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            tail = String.join("\n", err.subList(Math.max(0, err.size() - 15), err.size()));
        }
        return new IOException(what + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")") + "; its standard error (" + stderr + ") ends:\n" + tail);
    }
}
