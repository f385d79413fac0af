package dev.crossmesh.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command run to its end as a new process under {@code /usr/bin/time}, which reports what the process and its
 * children used: wall time, CPU time (user + system) and the largest resident set. Its output goes to files.
 *
 * @param wallMillis from the process's start to its end
 * @param cpuMillis  user + system CPU time
 * @param maxRssMb   the largest resident set
 * @param exitCode   the command's exit code
 * @param stdout     what it printed
 */
record TimedRun(double wallMillis, double cpuMillis, double maxRssMb, int exitCode, String stdout) {
    static final Path TIME = Path.of("/usr/bin/time");

    static boolean available() {
        return Files.isExecutable(TIME);
    }

    /** Runs {@code builder}'s command; fails with its standard error when it takes longer than the timeout. */
    static TimedRun of(ProcessBuilder builder, Path logs, String name, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path times = logs.resolve(name + ".time");
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(TIME.toString(), "-o", times.toString(), "-f", "%e %U %S %M"));
        command.addAll(builder.command());
        builder.command(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(name + " did not end within " + timeoutSeconds + " s; its standard error: " + Files.readString(err));
        }
        String[] f = Files.readAllLines(times, StandardCharsets.UTF_8).stream().filter(l -> l.matches("[0-9. ]+")).findFirst()
                .orElseThrow(() -> new IOException(name + ": /usr/bin/time wrote no numbers in " + times)).trim().split("\\s+");
        return new TimedRun(Double.parseDouble(f[0]) * 1000, (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000,
                Double.parseDouble(f[3]) / 1000, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
