package dev.crossmesh.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops a demo cluster's API server some time after the demo is ready, and optionally starts it again later:
 * {@code CLUSTER@SECONDS[+SECONDS]}, e.g. {@code demo-cluster-2@30} (offline 30 s after ready, for good) or
 * {@code 2@30+15} (offline at 30 s, back 15 s later). CLUSTER is a demo cluster's name or number; seconds may have
 * a fraction ({@code 0.5}). The gateway keeps answering while the API server is away, as a real one would.
 *
 * @param backAfter how long it stays offline, or empty for the rest of the demo
 */
public record OfflineFault(String cluster, Duration after, Optional<Duration> backAfter) {
    public static final String SYNTAX = "CLUSTER@SECONDS[+SECONDS]";
    private static final Pattern SPEC = Pattern.compile("([a-z0-9-]+)@(\\d+(?:\\.\\d+)?)(?:\\+(\\d+(?:\\.\\d+)?))?");

    public OfflineFault {
        if (after.isNegative() || backAfter.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("offline times cannot be negative");
        }
    }

    /**
     * @param clusterCount how many demo clusters there are, to check the name and turn a number into one
     * @throws IllegalArgumentException with a message that says what is wrong and shows the syntax
     */
    public static OfflineFault parse(String spec, int clusterCount) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--offline " + spec + ": expected " + SYNTAX
                    + ", e.g. demo-cluster-2@30 (offline 30 s after ready) or 2@30+15 (and back 15 s later)");
        }
        String cluster = DemoFaults.clusterName(m.group(1), clusterCount, "--offline " + spec);
        Optional<Duration> back = Optional.ofNullable(m.group(3)).map(OfflineFault::seconds);
        if (back.isPresent() && back.get().isZero()) {
            throw new IllegalArgumentException("--offline " + spec + ": the time offline after '+' must be more than 0 seconds");
        }
        return new OfflineFault(cluster, seconds(m.group(2)), back);
    }

    private static Duration seconds(String text) {
        return Duration.ofMillis(new BigDecimal(text).movePointRight(3).longValue());
    }

    /** {@code offline at 30 s, back at 45 s}, for the demo's listing. */
    public String describe() {
        return "offline at " + format(after) + backAfter.map(b -> ", back at " + format(after.plus(b))).orElse(" for good");
    }

    private static String format(Duration d) {
        return new BigDecimal(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }
}
