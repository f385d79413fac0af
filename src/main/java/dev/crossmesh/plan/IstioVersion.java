package dev.crossmesh.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Istio / ASM version ({@code 1.24.3}, {@code 1.20}, {@code 1.8.6-asm.3}); only major.minor.patch matter.
 * What a version means for rendering is not decided here: {@link IstioReleases} holds every fact keyed by release,
 * and it is the only place that orders versions.
 */
public record IstioVersion(int major, int minor, int patch) implements Comparable<IstioVersion> {
    private static final Pattern FORMAT = Pattern.compile("v?(\\d{1,3})\\.(\\d{1,3})(?:\\.(\\d{1,4}))?(?:[-+][0-9A-Za-z.-]+)?");

    public static Optional<IstioVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new IstioVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
    }

    /** Parses a version the validator has accepted; falls back to the default for unparseable text. */
    public static IstioVersion of(String text) {
        return parse(text).orElseGet(() -> parse(IstioSpec.DEFAULT_VERSION).orElseThrow());
    }

    /** {@code 1.24}: the release line a patch belongs to; istioctl installs only its own line. */
    public String minorLine() {
        return major + "." + minor;
    }

    /** Only {@link IstioReleases} orders versions (a test checks that no other class calls this). */
    @Override
    public int compareTo(IstioVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
