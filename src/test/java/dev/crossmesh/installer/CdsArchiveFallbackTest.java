package dev.crossmesh.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppCDS archive as the README's {@code java -XX:SharedArchiveFile=target/crossmesh.jsa -jar target/crossmesh.jar}
 * and the installed launcher use it: a matching archive is really mapped, and one that does not match (made by
 * another JDK build, for a jar that has changed since, a broken or a missing file) must neither print anything on
 * the user's terminal nor stop crossmesh. The jar here is made from the compiled classes, the archive from a short
 * class list, so that the test needs no {@code mvn package}.
 */
class CdsArchiveFallbackTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> CLASSES = List.of("dev/crossmesh/Launcher", "dev/crossmesh/cli/Cli", "dev/crossmesh/GuiRequest");

    @TempDir
    static Path dir;
    private static Path jar;
    private static List<String> classpath;
    private static Path archive;

    @BeforeAll
    static void makeJarAndArchive() throws Exception {
        jar = dir.resolve("crossmesh.jar");
        jar(Path.of("target", "classes"), jar);
        classpath = new ArrayList<>(List.of(jar.toString()));
        // the libraries as jars, as target/lib has them: CDS takes no directory on the class path
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(e -> e.endsWith(".jar")).forEach(classpath::add);
        Path list = dir.resolve("crossmesh.classlist");
        Files.write(list, CLASSES);
        archive = dir.resolve("crossmesh.jsa");
        Run dump = java(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive));
        assertEquals(0, dump.code, dump.out);
        assertTrue(Files.size(archive) > 0);
    }

    @Test
    void aMatchingArchiveIsMapped() throws Exception {
        Run run = java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "dev.crossmesh.Launcher", "--version"));
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("dev.crossmesh.Launcher source: shared objects file"), run.out);
    }

    @Test
    void anArchiveOfAnotherJdkBuildIsPassedOverInSilence() throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        String version = Runtime.version().toString();
        int at = indexOf(bytes, version.getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0 && at < 64 * 1024, "the header names the JVM that made the archive (" + version + ")");
        // the same length, so that only the JVM's identity differs: what an archive made by another JDK build has
        bytes[at] = (byte) (bytes[at] == '9' ? '8' : '9');
        Path other = dir.resolve("other-jdk.jsa");
        Files.write(other, bytes);
        assertSilentAndWorking(other);
    }

    @Test
    void anArchiveOfAChangedJarIsPassedOverInSilence() throws Exception {
        Path changed = dir.resolve("changed");
        Files.createDirectories(changed);
        Path copy = Files.copy(archive, changed.resolve("crossmesh.jsa"));
        FileTime was = Files.getLastModifiedTime(jar);
        try {
            Files.setLastModifiedTime(jar, FileTime.fromMillis(was.toMillis() + 60_000));
            assertSilentAndWorking(copy);
        } finally {
            Files.setLastModifiedTime(jar, was);
        }
    }

    @Test
    void aBrokenOrMissingArchiveIsPassedOverInSilence() throws Exception {
        Path broken = dir.resolve("broken.jsa");
        Files.write(broken, "not an archive".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        assertSilentAndWorking(broken);
        // not a truncated archive: JDK 17 dies of SIGBUS mapping one, which is why CdsArchive and cds-archive.sh write
        // the archive under another name and rename it when it is complete
        assertSilentAndWorking(dir.resolve("missing.jsa"));
    }

    private static void assertSilentAndWorking(Path archiveFile) throws Exception {
        Run run = java(List.of("-XX:SharedArchiveFile=" + archiveFile, "-Xshare:auto", "dev.crossmesh.Launcher", "--version"));
        assertEquals(0, run.code, run.err);
        assertEquals("", run.err, "nothing on the terminal about the archive");
        assertTrue(run.out.startsWith("crossmesh"), run.out);
    }

    private record Run(int code, String out, String err) {
    }

    /** {@code java LAUNCHER_OPTIONS OPTIONS... -cp JAR:LIBS}, the main class and its arguments at the end of {@code args}. */
    private static Run java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(launcherOptions());
        List<String> jvm = args.stream().takeWhile(a -> a.startsWith("-")).toList();
        command.addAll(jvm);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.addAll(args.subList(jvm.size(), args.size()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("java ran over 120 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> launcherOptions() throws IOException {
        return Files.readAllLines(Path.of("installer", "jvm-options")).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static void jar(Path classes, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file); Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
