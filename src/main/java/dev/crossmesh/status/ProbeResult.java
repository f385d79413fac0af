package dev.crossmesh.status;

import java.time.Instant;

/**
 * One gateway readiness probe.
 *
 * @param url    the URL probed, or "" when not probed
 * @param detail what happened in words: "HTTP 200", "HTTP 503", "connection refused from this machine", ...
 * @param at     when the answer came, or null when not probed
 */
public record ProbeResult(ProbeState state, String url, String detail, Instant at) {
    public ProbeResult {
        url = url == null ? "" : url;
        detail = detail == null ? "" : detail;
    }

    public static ProbeResult notProbed(String why) {
        return new ProbeResult(ProbeState.NOT_PROBED, "", why, null);
    }

    /** Same outcome, ignoring when it was measured: a probe that keeps answering the same is no change. */
    public boolean sameOutcome(ProbeResult other) {
        return other != null && state == other.state && url.equals(other.url) && detail.equals(other.detail);
    }
}
