package dev.crossmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark: how fast crossmesh is on the machine it runs on, measured the same way every time. Not a test:
 * nothing fails on time. Run it with {@code mvn -Pbench verify} (see the README's Performance section): it prints a
 * table and writes {@code target/bench/results.json} (with the date, the machine and every number), which a later run
 * compares with through {@code --compare FILE}.
 * <ol>
 * <li>start-up: a new JVM to the wizard's first frame, against a minimal JavaFX window ({@link StartupBench});</li>
 * <li>render: plan to manifests for 2, 10 and 50 clusters, with JMH ({@link RenderBench});</li>
 * <li>apply: first apply, unchanged re-apply and diff of 2 and 10 clusters: time and API requests ({@link ApplyBench});</li>
 * <li>status: a change in a cluster to a published snapshot, 2 and 10 clusters ({@link StatusLatencyBench});</li>
 * <li>memory: the wizard open (from the start-up runs), and a process watching 10 clusters ({@link WatchMemoryBench});</li>
 * <li>ca: making the mesh CA for 3 and 50 clusters, RSA 4096 and EC P-256, through {@code crossmesh export} ({@link CaBench});</li>
 * <li>cli: one-shot {@code contexts}, {@code validate} and {@code status} as new JVMs, beside {@code java -version} ({@link CliBench});</li>
 * <li>scale: apply to and watch 50 demo clusters: time, requests, memory, the live view's longest pause ({@link ScaleBench}).</li>
 * </ol>
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            BenchReport previous = options.compare() == null ? null : BenchReport.read(options.compare());
            BenchReport report = run(options, Arrays.asList(args), System.out);
            Path dated = write(report, options.out());
            report.printTable(System.out, previous);
            System.out.println();
            System.out.println("results: " + options.out().toAbsolutePath() + " (and " + dated.getFileName() + " beside it)");
            System.exit(0);
        } catch (Exception e) {
            System.err.println("the benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs the parts asked for; progress goes to {@code log}. */
    static BenchReport run(BenchOptions options, List<String> command, PrintStream log) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path work = options.target().resolve("bench").resolve("work");
        StartupBench.deleteTree(work);
        Files.createDirectories(work);
        ChildJava chosen = ChildJava.choose(options.target(), options.app());
        ChildJava java = options.cds().equals("off") ? chosen.withoutCds() : chosen;
        // with --cds both, start-up and cli take turns with the same children without the archive
        ChildJava withoutCds = options.cds().equals("both") && java.usesCds() ? java.withoutCds() : null;
        List<Metric> metrics = new ArrayList<>();
        List<PartRun> parts = new ArrayList<>();
        for (String part : options.parts()) {
            log.println("== " + part);
            List<Double> loadBefore = Machine.loadAverage();
            long t0 = System.nanoTime();
            List<String> notes = new ArrayList<>();
            switch (part) {
                case "startup" -> {
                    notes.add("children run the " + (java.mode().equals("jar") ? "packaged jar (target/crossmesh.jar)" : "compiled classes") + ", headless (Monocle, software rendering)"
                            + (java.usesCds() ? ", with its AppCDS archive (target/crossmesh.jsa)" : ", without an AppCDS archive")
                            + (withoutCds != null ? "; keys with _no_cds: the same without the archive, taking turns" : ""));
                    metrics.addAll(StartupBench.run(java, withoutCds, work.resolve("startup"), options.startupRuns(), !options.quick(), log));
                }
                case "render" -> metrics.addAll(RenderBench.run(options.renderSizes(), options.quick(), log));
                case "apply" -> metrics.addAll(ApplyBench.run(options.applySizes(), options.applyRuns(), !options.quick(), log));
                case "status" -> {
                    notes.add(options.changes() + " changes per row, round the clusters; idle: each " + StatusLatencyBench.GAPS_MILLIS[0]
                            + " ms after the last was seen, busy: " + StatusLatencyBench.GAPS_MILLIS[1] + " ms after (within the 250 ms coalescing window)");
                    notes.add("demo API servers in the same JVM");
                    metrics.addAll(StatusLatencyBench.run(options.statusSizes(), options.changes(), log));
                }
                case "memory" -> {
                    notes.add("demo clusters in a process of their own; the watching process is measured alone");
                    metrics.addAll(WatchMemoryBench.run(java, work.resolve("memory"), options.watched(), options.quick() ? 0 : 5, log));
                }
                case "ca" -> {
                    notes.add("each row: crossmesh export as a new process into an empty CA folder, then again with the CA there");
                    metrics.addAll(CaBench.run(java, work.resolve("ca"), options.caSizes(), options.caKeyTypes(), options.quick() ? 1 : 3, log));
                }
                case "cli" -> {
                    notes.add("each command a new JVM, timed by /usr/bin/time; the demo clusters run in a process of their own"
                            + (java.usesCds() ? "; with the jar's AppCDS archive" : "; without an AppCDS archive")
                            + (withoutCds != null ? " (keys with _no_cds: without it, taking turns)" : ""));
                    metrics.addAll(CliBench.run(java, withoutCds, work.resolve("cli"), options.cliRuns(), !options.quick(), log));
                }
                case "scale" -> {
                    notes.add("demo API servers in the same JVM; the live view headless (Monocle)");
                    for (int clusters : options.scaleClusters()) {
                        metrics.addAll(ScaleBench.run(clusters, log));
                    }
                }
                default -> throw new IllegalArgumentException(part);
            }
            parts.add(new PartRun(part, (System.nanoTime() - t0) / 1e9, loadBefore, Machine.loadAverage(), notes));
        }
        // the memory numbers of the start-up part go with the memory part's, whatever order they were taken in
        List<Metric> ordered = new ArrayList<>();
        for (String part : BenchOptions.ALL_PARTS) {
            metrics.stream().filter(m -> m.part().equals(part)).forEach(ordered::add);
        }
        return new BenchReport(BenchReport.SCHEMA, started.toString(), command, Machine.current(), parts, ordered);
    }

    /** Writes the report, and a copy named after its date, so that the next run does not overwrite it. */
    static Path write(BenchReport report, Path out) throws IOException {
        report.write(out);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.parse(report.date()));
        Path dated = out.resolveSibling("results-" + stamp + ".json");
        report.write(dated);
        return dated;
    }
}
