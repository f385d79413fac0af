package dev.crossmesh.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.crossmesh.kube.ApplyMeasurement;
import dev.crossmesh.kube.ApplyMeasurement.Numbers;

/**
 * Apply: a 2-cluster and a 10-cluster multi-primary plan against demo API servers in this JVM (fresh servers for
 * each run): wall time and API requests of the first apply, of an unchanged re-apply, and of a diff. Requests are
 * counted by the servers, from kubeconfig clients only. One untimed 2-cluster run first warms up the JVM, TLS and the
 * HTTP client, so that the numbers are about crossmesh.
 */
final class ApplyBench {
    private ApplyBench() {
    }

    static List<Metric> run(int[] sizes, int runs, boolean warmUp, PrintStream log) throws Exception {
        if (warmUp) {
            ApplyMeasurement.measure(2);
        }
        List<Metric> metrics = new ArrayList<>();
        for (int size : sizes) {
            List<Numbers> numbers = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Numbers n = ApplyMeasurement.measure(size);
                log.println("  " + n);
                numbers.add(n);
            }
            String key = "apply.clusters_" + size;
            String of = runs > 1 ? " (median of " + runs + ")" : "";
            metrics.add(time(key + ".first_ms", size + " clusters: first apply" + of, numbers, Numbers::firstMillis));
            metrics.add(requests(key + ".first_requests", size + " clusters: first apply, requests", numbers, n -> n.firstRequests()));
            metrics.add(time(key + ".reapply_ms", size + " clusters: unchanged re-apply" + of, numbers, Numbers::againMillis));
            metrics.add(requests(key + ".reapply_requests", size + " clusters: unchanged re-apply, requests", numbers, n -> n.againRequests()));
            metrics.add(time(key + ".diff_ms", size + " clusters: diff" + of, numbers, Numbers::diffMillis));
            metrics.add(requests(key + ".diff_requests", size + " clusters: diff, requests", numbers, n -> n.diffRequests()));
        }
        return metrics;
    }

    private static Metric time(String key, String label, List<Numbers> numbers, ToDoubleFunction<Numbers> field) {
        List<Double> samples = numbers.stream().map(field::applyAsDouble).toList();
        return Metric.lower(key, "apply", label, Stats.median(samples), "ms", samples);
    }

    private static Metric requests(String key, String label, List<Numbers> numbers, ToDoubleFunction<Numbers> field) {
        List<Double> samples = numbers.stream().map(field::applyAsDouble).toList();
        return Metric.lower(key, "apply", label, Stats.median(samples), "requests", samples);
    }
}
