package dev.crossmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where hostile tests run a script or plugin, and the check that none of their payloads ran. A payload leaves a file
 * whose name starts with {@code pwned} in the folder it ran in; a script run in the JVM's folder would leave it in the
 * repository (and one once was committed), so scripts run in a folder of their own under {@code target/}, and the
 * check looks there, in the folders given, and in the repository's top folder.
 */
public final class PayloadTraces {
    private static final Path RUNS = Path.of("target", "payload-runs");

    private PayloadTraces() {
    }

    /** A new empty folder under target/ for a script or plugin to run in. */
    public static Path workingFolder(String name) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(RUNS), name).toAbsolutePath();
    }

    /** No {@code pwned*} file in {@code folders} (searched through) nor in the repository's top folder. */
    public static void assertNoneRan(Path... folders) throws IOException {
        List<Path> planted = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(PayloadTraces::isTrace).forEach(planted::add);
            }
        }
        try (Stream<Path> top = Files.list(Path.of("").toAbsolutePath())) {
            top.filter(PayloadTraces::isTrace).forEach(planted::add);
        }
        assertEquals(List.of(), planted, "a payload ran");
    }

    private static boolean isTrace(Path file) {
        return file.getFileName().toString().startsWith("pwned");
    }
}
