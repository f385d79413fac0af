package dev.crossmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanWriter;

/**
 * Making the mesh CA: {@code crossmesh export} of a 3- and a 50-cluster plan into an empty CA folder, as a new process
 * (so that what the command line does is measured, its JVM start included, and nothing of this JVM's warm state),
 * with RSA 4096 keys (the default, as Istio's tools make them) and with EC P-256. Wall and CPU time from outside
 * ({@link TimedRun}); the export of the same plan with the CA already made is the part that is not the CA.
 */
final class CaBench {
    static final int[] SIZES = {3, 50};
    static final String[] KEY_TYPES = {"rsa-4096", "ec-p256"};

    private CaBench() {
    }

    static List<Metric> run(ChildJava java, Path work, int[] sizes, String[] keyTypes, int runs, PrintStream log) throws IOException, InterruptedException {
        List<Metric> metrics = new ArrayList<>();
        Path home = work.resolve("ca-home").toAbsolutePath();
        for (int size : sizes) {
            List<ClusterSpec> specs = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                specs.add(new ClusterSpec("cluster-" + i, "ctx-" + i, "net-" + i));
            }
            Path plan = work.resolve("ca-plan-" + size + ".yaml").toAbsolutePath();
            PlanWriter.write(MeshPlan.of("bench", specs), plan);
            for (String keyType : keyTypes) {
                // RSA 4096 for 50 clusters takes most of a minute a run: fewer runs of it
                int n = keyType.startsWith("rsa") && size > 10 ? Math.max(1, runs / 3) : runs;
                List<TimedRun> fresh = new ArrayList<>();
                List<TimedRun> again = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Path certs = work.resolve("ca-" + size + "-" + keyType + "-" + i).toAbsolutePath();
                    StartupBench.deleteTree(certs);
                    List<String> args = List.of("export", "--plan", plan.toString(), "--out", work.resolve("ca-export").toAbsolutePath().toString(),
                            "--certs", certs.toString(), "--ca-key-type", keyType);
                    String name = "ca-" + size + "-" + keyType + "-" + i;
                    fresh.add(check(TimedRun.of(java.command(List.of("-Dcrossmesh.home=" + home), StartupBench.WIZARD_MAIN, args, Map.of()),
                            work.resolve("logs"), name, 900), name));
                    again.add(check(TimedRun.of(java.command(List.of("-Dcrossmesh.home=" + home), StartupBench.WIZARD_MAIN, args, Map.of()),
                            work.resolve("logs"), name + "-again", 900), name));
                    log.printf(Locale.ROOT, "  %d clusters, %s: new CA %.0f ms (CPU %.0f ms), CA there %.0f ms (CPU %.0f ms), load %s%n", size, keyType,
                            fresh.get(i).wallMillis(), fresh.get(i).cpuMillis(), again.get(i).wallMillis(), again.get(i).cpuMillis(), Machine.loadAverage());
                }
                String key = "ca.clusters_" + size + "." + keyType.replace('-', '_');
                String what = size + " clusters, " + keyType + ": export";
                String of = " (median of " + n + ")";
                List<Double> wall = fresh.stream().map(TimedRun::wallMillis).toList();
                List<Double> cpu = fresh.stream().map(TimedRun::cpuMillis).toList();
                List<Double> wallAgain = again.stream().map(TimedRun::wallMillis).toList();
                metrics.add(Metric.lower(key + ".new_ca_ms", "ca", what + " making a new CA, wall" + of, Stats.median(wall), "ms", wall));
                metrics.add(Metric.lower(key + ".new_ca_cpu_ms", "ca", what + " making a new CA, CPU" + of, Stats.median(cpu), "ms", cpu));
                metrics.add(Metric.lower(key + ".existing_ca_ms", "ca", what + " with the CA made, wall" + of, Stats.median(wallAgain), "ms", wallAgain));
            }
        }
        return metrics;
    }

    private static TimedRun check(TimedRun run, String name) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException(name + ": export exited " + run.exitCode() + ":\n" + run.stdout());
        }
        return run;
    }
}
