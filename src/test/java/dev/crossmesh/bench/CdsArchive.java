package dev.crossmesh.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.crossmesh.ui.FirstFrameProbe;

/**
 * Makes the AppCDS archive of {@code target/crossmesh.jar} when the jar is packaged ({@code mvn package}, see pom.xml):
 * records the classes that training runs load (the wizard to its first frame, headless through Monocle, which is only
 * a test dependency; and the one-shot commands), keeps those the jar's own class path has, and dumps a static archive
 * from that list. A static archive from a class list needs no display when it is dumped, and the same list serves
 * the installed packages, whose archive must be dumped where they are installed (JDK 17's archives hold the class
 * path's absolute paths): their postinst does that from {@code crossmesh.classlist}.
 * <pre>java -cp TEST_CLASSPATH dev.crossmesh.bench.CdsArchive TARGET_DIR</pre>
 * writes {@code TARGET_DIR/crossmesh.classlist} and {@code TARGET_DIR/crossmesh.jsa}.
 */
public final class CdsArchive {
    private static final long RUN_SECONDS = 180;

    private CdsArchive() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args.length > 0 ? args[0] : "target").toAbsolutePath();
        Path jar = target.resolve("crossmesh.jar");
        Path work = target.resolve("cds");
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        Path classList = target.resolve("crossmesh.classlist");
        // without the archive of an earlier build: the runs record what they load from the jars
        List<String> lines = record(ChildJava.choose(target, "jar").withoutCds(), work);
        List<String> kept = keepLoadable(lines, jar);
        Files.write(classList, kept, StandardCharsets.UTF_8);
        Path archive = target.resolve("crossmesh.jsa");
        Files.deleteIfExists(archive);
        // written beside it and renamed when complete: JDK 17 dies of SIGBUS on a truncated archive (an interrupted
        // dump), where it passes over every other mismatch in silence
        Path partial = target.resolve("crossmesh.jsa.tmp");
        Files.deleteIfExists(partial);
        Path log = work.resolve("dump.log");
        List<String> dump = new ArrayList<>();
        dump.add(java());
        dump.addAll(ChildJava.LAUNCHER_OPTIONS);
        dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + partial, "-cp", jar.toString()));
        int code = run(new ProcessBuilder(dump), log);
        if (code != 0 || !Files.isRegularFile(partial)) {
            throw new IllegalStateException("the CDS dump exited " + code + ": see " + log);
        }
        Files.move(partial, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("crossmesh.jsa: %d of %d recorded classes and lambdas (%.0f MB) in %.0f s; picocli's classes (class file version 49) stay"
                + " out, as JDK 17's CDS takes no pre-Java 6 class%n", kept.size(), lines.size(), Files.size(archive) / 1e6, (System.nanoTime() - t0) / 1e9);
    }

    /** The class lists of the training runs, merged in the order classes were first loaded. */
    static List<String> record(ChildJava java, Path work) throws IOException, InterruptedException {
        Path kubeconfig = StartupBench.writeKubeconfig(work.resolve("kubeconfig"));
        Path plan = Path.of("examples", "two-clusters.yaml").toAbsolutePath();
        Map<String, List<String>> runs = new java.util.LinkedHashMap<>();
        runs.put("wizard", List.of());
        runs.put("help", List.of("--help"));
        runs.put("version", List.of("--version"));
        runs.put("validate", List.of("validate", "--plan", plan.toString()));
        runs.put("contexts", List.of("contexts", "--kubeconfig", kubeconfig.toString()));
        // the commands that talk to clusters load most of the classes (fabric8, Vert.x, TLS): they train on demo
        // clusters of this JVM (a one-shot status of 3 clusters: 2.6 -> 1.85 s of CPU with them archived)
        Path demoKubeconfig = work.resolve("demo-kubeconfig");
        Path demoPlan = Path.of("examples", "demo-three-clusters.yaml").toAbsolutePath();
        List<String> onDemo = List.of("--plan", demoPlan.toString(), "--kubeconfig", demoKubeconfig.toString());
        List<String> apply = new ArrayList<>(List.of("apply", "--yes", "--ca-key-type", "ec-p256", "--certs", work.resolve("certs").toString()));
        apply.addAll(onDemo);
        runs.put("apply", apply);
        List<String> status = new ArrayList<>(List.of("status"));
        status.addAll(onDemo);
        runs.put("status", status);
        Set<String> merged = new LinkedHashSet<>();
        try (dev.crossmesh.demo.DemoClusters demo = dev.crossmesh.demo.DemoClusters.builder().clusters(3).kubeconfig(demoKubeconfig)
                .simulation(dev.crossmesh.demo.SimulationOptions.fast()).start()) {
            train(java, work, kubeconfig, runs, merged);
        }
        return new ArrayList<>(merged);
    }

    private static void train(ChildJava java, Path work, Path kubeconfig, Map<String, List<String>> runs, Set<String> merged)
            throws IOException, InterruptedException {
        for (Map.Entry<String, List<String>> r : runs.entrySet()) {
            Path list = work.resolve(r.getKey() + ".classlist");
            List<String> jvm = new ArrayList<>(List.of("-XX:DumpLoadedClassList=" + list, "-Dcrossmesh.home=" + work.resolve("home")));
            if (r.getValue().isEmpty()) {
                jvm.addAll(ChildJava.HEADLESS_FX);
                jvm.add("-D" + FirstFrameProbe.PROPERTY + "=exit");
            }
            ProcessBuilder builder = java.command(jvm, StartupBench.WIZARD_MAIN, r.getValue(), Map.of("KUBECONFIG", kubeconfig.toString()));
            int code = run(builder, work.resolve(r.getKey() + ".log"));
            if (code != 0 && code != 1) { // 1: ran and found problems (a mesh not healthy yet); 2: could not run
                throw new IllegalStateException("the training run '" + r.getKey() + "' exited " + code + ": see " + work.resolve(r.getKey() + ".log"));
            }
            merged.addAll(Files.readAllLines(list, StandardCharsets.UTF_8));
        }
    }

    /**
     * The lines whose class the jar's class path or the JDK has: the training runs' Monocle and test classes are not
     * there when the archive is dumped or used. A lambda line ({@code @lambda-proxy OWNER ...}) goes with its owner.
     */
    static List<String> keepLoadable(List<String> lines, Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(classPathOf(jar), ClassLoader.getPlatformClassLoader())) {
            List<String> kept = new ArrayList<>();
            for (String line : lines) {
                String name = line.startsWith("@lambda-proxy ") ? line.split(" ")[1] : line.startsWith("@") || line.startsWith("#") ? null : line.split(" ")[0];
                // the loader asks the JDK's loaders first, then the jar and its manifest's Class-Path
                if (name == null || loader.getResource(name + ".class") != null) {
                    kept.add(line);
                }
            }
            return kept;
        }
    }

    private static URL[] classPathOf(Path jar) throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(url(jar));
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (cp != null) {
                for (String entry : cp.trim().split("\\s+")) {
                    urls.add(url(jar.resolveSibling(entry)));
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
        Process p = builder.start();
        if (!p.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", builder.command().subList(0, 1)) + " ran over " + RUN_SECONDS + " s: see " + log);
        }
        return p.exitValue();
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
