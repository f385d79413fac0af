package dev.crossmesh.bench;

import java.util.List;

/**
 * One number the benchmark reports. The key is stable from run to run, so that runs can be compared.
 *
 * @param key     e.g. {@code startup.wizard.first_frame_ms}
 * @param part    startup, render, apply, status or memory
 * @param label   what it is, in words, for the table
 * @param value   the number (a median where there are samples)
 * @param unit    ms, us, MB, requests, x, threads, count
 * @param better  "lower", "higher" or "none" (a count that only describes the run)
 * @param samples the single measurements the value was taken from; empty when there is one
 */
record Metric(String key, String part, String label, double value, String unit, String better, List<Double> samples) {
    Metric {
        samples = samples == null ? List.of() : List.copyOf(samples);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " is not a number: " + value);
        }
    }

    static Metric lower(String key, String part, String label, double value, String unit, List<Double> samples) {
        return new Metric(key, part, label, value, unit, "lower", samples);
    }

    static Metric lower(String key, String part, String label, double value, String unit) {
        return lower(key, part, label, value, unit, List.of());
    }

    static Metric info(String key, String part, String label, double value, String unit) {
        return new Metric(key, part, label, value, unit, "none", List.of());
    }
}
