package dev.crossmesh.plan;

/**
 * What {@code crossmesh verify} (and the live view's Verify traffic) deploys, where the plan changes it.
 *
 * @param imageRegistry a registry mirror that holds the check's two images under their own names, for clusters without
 *                      internet access ({@code registry.example.com/mirror}); "" for docker.io
 */
public record VerifySpec(String imageRegistry) {
    public VerifySpec {
        imageRegistry = imageRegistry == null ? "" : imageRegistry.strip();
    }

    public static VerifySpec defaults() {
        return new VerifySpec("");
    }

    /**
     * What is wrong with a registry value, or "" when it can be used: a registry host with an optional port and path
     * ({@code registry.example.com:5000/mirror}), no scheme, no spaces, no tag.
     */
    public static String registryProblem(String registry) {
        if (registry == null || registry.isBlank()) {
            return "";
        }
        String r = registry.strip();
        if (r.contains("://")) {
            return "'" + r + "' has a scheme: give the registry as a host and path, e.g. registry.example.com/mirror";
        }
        if (!r.matches("[a-zA-Z0-9][a-zA-Z0-9.-]*(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*/?")) {
            return "'" + r.replaceAll("\\p{Cntrl}", "?") + "' is not a registry: a host with an optional port and path, e.g. registry.example.com:5000/mirror";
        }
        return "";
    }
}
