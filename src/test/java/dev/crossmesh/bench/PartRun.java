package dev.crossmesh.bench;

import java.util.List;

/**
 * How one part of the benchmark ran: how long it took and how loaded the machine was before and after it
 * (load averages over 1, 5 and 15 minutes), and anything a reader of its numbers should know.
 */
record PartRun(String part, double seconds, List<Double> loadBefore, List<Double> loadAfter, List<String> notes) {
    PartRun {
        loadBefore = List.copyOf(loadBefore);
        loadAfter = List.copyOf(loadAfter);
        notes = List.copyOf(notes);
    }
}
