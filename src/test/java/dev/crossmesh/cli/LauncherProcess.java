package dev.crossmesh.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * crossmesh run as a process of its own, as a user starts it: for what only a new process has, an environment
 * (KUBECONFIG, no DISPLAY) and JavaFX not started yet.
 */
final class LauncherProcess {
    record Result(int code, String output) {
    }

    private LauncherProcess() {
    }

    /**
     * @param environment variables to set; a null value removes the variable
     */
    static Result run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return run(List.of(), environment, args);
    }

    /** As {@link #run(Map, String...)}, started by a shell that first sets {@code umask} (an octal string such as "000"). */
    static Result runWithUmask(String umask, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        // the shell's "$@" are the java command line: exec keeps it one process
        return run(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), environment, args);
    }

    private static Result run(List<String> prefix, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.crossmesh.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("crossmesh " + String.join(" ", args) + " did not end within 60 s:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
