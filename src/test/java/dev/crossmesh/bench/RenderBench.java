package dev.crossmesh.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.certs.MeshCertificateAuthority;
import dev.crossmesh.certs.RootCa;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;

/**
 * Render: a multi-primary plan to every cluster's manifests (the pure function behind preview, export and apply),
 * for 2, 10 and 50 clusters, each on a network of its own, so that every cluster holds a remote secret for each of the
 * others (n(n-1) in all). Measured with JMH in a forked JVM after warm-up; the median and p95 of the single calls.
 * Certificates are made once per trial: they are inputs of rendering, not part of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBench {
    static final int[] SIZES = {2, 10, 50};

    @Param({"2", "10", "50"})
    public int clusters;

    private MeshPlan plan;
    private Map<String, ClusterCerts> certs;

    @Setup(Level.Trial)
    public void setUp() {
        plan = plan(clusters);
        certs = certs(plan);
    }

    @Benchmark
    public RenderedMesh render() {
        return ManifestRenderer.render(plan, certs);
    }

    static MeshPlan plan(int clusters) {
        List<ClusterSpec> specs = new ArrayList<>();
        for (int i = 1; i <= clusters; i++) {
            specs.add(new ClusterSpec("cluster-" + i, "context-" + i, "net-" + i).withRegion("region-" + i));
        }
        return MeshPlan.of("bench", specs);
    }

    static Map<String, ClusterCerts> certs(MeshPlan plan) {
        RootCa root = MeshCertificateAuthority.createRoot(KeyType.EC_P256);
        Map<String, ClusterCerts> certs = new LinkedHashMap<>();
        plan.clusters().forEach(c -> certs.put(c.name(), MeshCertificateAuthority.issueIntermediate(root, c.name(), KeyType.EC_P256)));
        return certs;
    }

    /**
     * @param quick in this JVM (no fork), a fraction of a second per size: for the test that checks the results'
     *              shape, not for numbers
     */
    static List<Metric> run(int[] sizes, boolean quick, PrintStream log) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(RenderBench.class.getName() + ".render")
                .param("clusters", java.util.Arrays.stream(sizes).mapToObj(String::valueOf).toArray(String[]::new))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        if (quick) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else {
            options.forks(1).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(10).measurementTime(TimeValue.seconds(1));
        }
        List<Metric> metrics = new ArrayList<>();
        for (RunResult result : new Runner(options.build()).run()) {
            int n = Integer.parseInt(result.getParams().getParam("clusters"));
            Statistics stats = result.getPrimaryResult().getStatistics();
            int manifests = ManifestRenderer.render(plan(n), certs(plan(n))).all().size();
            log.printf(Locale.ROOT, "  render %d clusters: median %.1f us, p95 %.1f us over %d calls (%d manifests)%n", n,
                    stats.getPercentile(50), stats.getPercentile(95), stats.getN(), manifests);
            String key = "render.clusters_" + n;
            metrics.add(Metric.lower(key + ".median_us", "render", n + " clusters: plan to manifests, median", stats.getPercentile(50), "us"));
            metrics.add(Metric.lower(key + ".p95_us", "render", n + " clusters: p95", stats.getPercentile(95), "us"));
            metrics.add(Metric.info(key + ".manifests", "render", n + " clusters: manifests rendered", manifests, "count"));
        }
        metrics.sort(java.util.Comparator.comparingInt(m -> Integer.parseInt(m.key().split("\\.")[1].substring("clusters_".length()))));
        return metrics;
    }
}
