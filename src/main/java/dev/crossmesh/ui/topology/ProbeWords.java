package dev.crossmesh.ui.topology;

import dev.crossmesh.status.ProbeState;

/** A probe's outcome as the live view says it: words, not the JSON's {@code not_ready}. */
final class ProbeWords {
    private ProbeWords() {
    }

    static String of(ProbeState state) {
        return switch (state) {
            case READY -> "ready";
            case NOT_READY -> "answers, not ready";
            case UNREACHABLE -> "no answer from here";
            case NOT_PROBED -> "not probed yet";
        };
    }
}
