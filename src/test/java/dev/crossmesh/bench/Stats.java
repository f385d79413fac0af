package dev.crossmesh.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Order statistics of a handful of samples: medians and percentiles as the benchmarks report them. */
final class Stats {
    private Stats() {
    }

    static double median(Collection<? extends Number> samples) {
        return percentile(samples, 50);
    }

    /** The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    static double percentile(Collection<? extends Number> samples, double p) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = new ArrayList<>();
        samples.forEach(n -> sorted.add(n.doubleValue()));
        sorted.sort(null);
        if (p == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static double max(Collection<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
    }

    static double min(Collection<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).min().orElseThrow();
    }
}
