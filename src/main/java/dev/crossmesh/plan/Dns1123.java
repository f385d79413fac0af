package dev.crossmesh.plan;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes DNS-1123 names: what cluster names, network names and the mesh ID must look like. */
public final class Dns1123 {
    public static final int MAX_LABEL = 63;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Dns1123() {
    }

    public static boolean isLabel(String s) {
        return s != null && s.length() <= MAX_LABEL && LABEL.matcher(s).matches();
    }

    public static boolean isSubdomain(String s) {
        return s != null && s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
    }

    /** Why {@code s} is not a label, in words a user can act on; empty when it is one. */
    public static String labelProblem(String s) {
        if (s == null || s.isEmpty()) {
            return "is empty";
        }
        // every problem at once, so that one fix makes the label valid
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (s.length() > MAX_LABEL) {
            problems.add("is " + s.length() + " characters long; the limit is " + MAX_LABEL);
        }
        if (!s.equals(s.toLowerCase(Locale.ROOT))) {
            problems.add("has upper-case letters; use lower case");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            problems.add("may only hold lower-case letters, digits and '-'");
        }
        if (s.startsWith("-") || s.endsWith("-")) {
            problems.add("must start and end with a letter or digit");
        }
        if (problems.isEmpty() && !LABEL.matcher(s).matches()) {
            problems.add("may only hold lower-case letters, digits and '-'");
        }
        return String.join("; ", problems);
    }

    /**
     * Turns any text (a kubeconfig context such as {@code gke_project_zone_cluster-1}) into a valid label:
     * lower case, other characters replaced by '-', trimmed to 63 characters.
     */
    public static String sanitize(String s) {
        String lower = s == null ? "" : s.toLowerCase(Locale.ROOT);
        String replaced = lower.replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        String trimmed = replaced.replaceAll("^-+", "");
        if (trimmed.length() > MAX_LABEL) {
            trimmed = trimmed.substring(trimmed.length() - MAX_LABEL);
            trimmed = trimmed.replaceAll("^-+", "");
        }
        trimmed = trimmed.replaceAll("-+$", "");
        return trimmed.isEmpty() ? "cluster" : trimmed;
    }
}
