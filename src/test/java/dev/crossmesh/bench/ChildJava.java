package dev.crossmesh.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the JVMs the benchmark measures from outside: the wizard, the minimal window, demo clusters, a status
 * watch. They run the packaged jar ({@code target/crossmesh.jar} with its {@code lib/}) as a user's would, plus the
 * test classes (the minimal window, the watch probe) and Monocle; or, where the jar is missing or older than the
 * compiled classes, this JVM's own class path.
 *
 * @param mode      "jar" or "classes"
 * @param classpath the child's class path
 * @param cds       the JVM options that use the jar's AppCDS archive ({@code target/crossmesh.jsa}, made by
 *                  {@code mvn package}), as the README's {@code java} command line does; empty for none
 */
record ChildJava(String mode, List<String> classpath, List<String> cds) {
    /** The archive {@code mvn package} makes beside the jar (dev.crossmesh.bench.CdsArchive). */
    static final String ARCHIVE = "crossmesh.jsa";

    /**
     * The installed launcher's JVM options (installer/jvm-options), which every measured process runs with: the
     * numbers are those of crossmesh as installed, and the minimal window gets them too, so that the ratios compare
     * like with like.
     */
    static final List<String> LAUNCHER_OPTIONS = launcherOptions(Path.of("installer", "jvm-options"));

    static List<String> launcherOptions(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the benchmark runs from the project folder, which has " + file, e);
        }
    }

    /** Headless JavaFX as in the surefire settings: Monocle's headless screen and the software renderer. */
    static final List<String> HEADLESS_FX = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw");

    /**
     * @param requested "jar", "classes" or "auto" (the jar when it is at least as new as every compiled class)
     */
    static ChildJava choose(Path target, String requested) {
        List<String> own = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        Path jar = target.resolve("crossmesh.jar");
        boolean useJar = switch (requested) {
            case "jar" -> {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException(jar + " is missing: run mvn package first, or use --app classes");
                }
                yield true;
            }
            case "classes" -> false;
            default -> Files.isRegularFile(jar) && !olderThanClasses(jar, target.resolve("classes"));
        };
        if (!useJar) {
            return new ChildJava("classes", own, List.of());
        }
        List<String> cp = new ArrayList<>();
        cp.add(jar.toAbsolutePath().toString());
        cp.add(target.resolve("test-classes").toAbsolutePath().toString());
        own.stream().filter(e -> e.contains("openjfx-monocle")).forEach(cp::add);
        if (cp.size() < 3) {
            throw new IllegalStateException("Monocle (org.testfx:openjfx-monocle) is not on this JVM's class path; run the benchmark with the test class path");
        }
        Path archive = target.resolve(ARCHIVE);
        return new ChildJava("jar", cp, Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive.toAbsolutePath()) : List.of());
    }

    /** The same children without the AppCDS archive: the JDK's own default archive only. */
    ChildJava withoutCds() {
        return new ChildJava(mode, classpath, List.of());
    }

    boolean usesCds() {
        return !cds.isEmpty();
    }

    private static boolean olderThanClasses(Path jar, Path classes) {
        if (!Files.isDirectory(classes)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(classes)) {
            FileTime built = Files.getLastModifiedTime(jar);
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Files.getLastModifiedTime(f).compareTo(built) > 0;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process builder for {@code java JVM_ARGS -cp CLASSPATH MAIN ARGS}, with extra environment variables. */
    ProcessBuilder command(List<String> jvmArgs, String mainClass, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAUNCHER_OPTIONS);
        command.addAll(cds);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }
}
