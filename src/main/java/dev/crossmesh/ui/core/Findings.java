package dev.crossmesh.ui.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.crossmesh.plan.Finding;

/** Picks the findings a field or a step shows out of the plan's findings, by their field path. */
public final class Findings {
    private Findings() {
    }

    /** The finding a field shows: the first error at its path, else the first warning; null when none. */
    public static Finding at(List<Finding> findings, String path) {
        return first(findings, f -> f.path().equals(path));
    }

    /** Like {@link #at} for a field that stands for several paths, such as every {@code gateway.annotations.<key>}. */
    public static Finding under(List<Finding> findings, String prefix) {
        return first(findings, f -> f.path().equals(prefix) || f.path().startsWith(prefix + ".") || f.path().startsWith(prefix + "["));
    }

    public static boolean anyErrorUnder(List<Finding> findings, String prefix) {
        return findings.stream().filter(Finding::isError)
                .anyMatch(f -> f.path().equals(prefix) || f.path().startsWith(prefix + ".") || f.path().startsWith(prefix + "["));
    }

    private static Finding first(List<Finding> findings, Predicate<Finding> match) {
        Optional<Finding> error = findings.stream().filter(Finding::isError).filter(match).findFirst();
        return error.or(() -> findings.stream().filter(match).findFirst()).orElse(null);
    }
}
