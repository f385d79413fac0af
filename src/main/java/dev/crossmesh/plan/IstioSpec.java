package dev.crossmesh.plan;

/**
 * @param version  Istio (or ASM) version such as {@code 1.24.3}; drives version-specific output
 * @param revision control-plane revision such as {@code asm-183-2}, or "" for none
 */
public record IstioSpec(Flavor flavor, String version, String revision) {
    /** New plans get the newest stable release crossmesh knows. */
    public static final String DEFAULT_VERSION = IstioReleases.newestStable();

    public IstioSpec {
        flavor = flavor == null ? Flavor.ISTIO : flavor;
        version = version == null ? "" : version;
        revision = revision == null ? "" : revision;
    }

    public static IstioSpec defaults() {
        return new IstioSpec(Flavor.ISTIO, DEFAULT_VERSION, "");
    }

    public boolean hasRevision() {
        return !revision.isEmpty();
    }
}
