package dev.crossmesh.kube;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.KubeYaml;

/**
 * Where the Helm path takes Istio's charts from: a chart repository (Istio's, or a mirror of it) at the plan's release,
 * or a folder of unpacked charts ({@code helm pull istio/istiod --untar}) for machines without internet access.
 * Exactly one of the two is set.
 */
public record ChartSource(String repository, Path folder) {
    public ChartSource {
        if ((repository == null) == (folder == null)) {
            throw new IllegalArgumentException("a chart source is a repository or a folder");
        }
    }

    public static ChartSource istio() {
        return new ChartSource(HelmInstall.CHART_REPOSITORY, null);
    }

    /** A repository URL (http, https or oci), or a message that says what is wrong with it. */
    public static ChartSource repository(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !List.of("http", "https", "oci").contains(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not a chart repository URL: give https://host/path (or http://, oci://),"
                    + " e.g. " + HelmInstall.CHART_REPOSITORY);
        }
        return new ChartSource(uri.toString(), null);
    }

    public static ChartSource folder(Path dir) {
        return new ChartSource(null, dir.toAbsolutePath().normalize());
    }

    /** What {@code helm upgrade --install RELEASE} takes after the release name to find one chart. */
    List<String> chartArguments(String chart, String version) {
        if (folder != null) {
            return List.of(folder.resolve(chart).toString());
        }
        return List.of(chart, "--repo=" + repository, "--version=" + version);
    }

    /**
     * Why these charts cannot install the plan's release, or empty. A repository is asked by helm itself (an unknown
     * version is helm's own error); a folder must hold each chart with that version in its Chart.yaml, as charts pulled
     * from Istio's repository have it (the charts in Istio's source say 1.0.0 until the release build sets it).
     */
    Optional<String> problem(List<String> charts, String version) {
        if (folder == null) {
            return Optional.empty();
        }
        for (String chart : charts) {
            Path chartYaml = folder.resolve(chart).resolve("Chart.yaml");
            String pull = "helm pull " + chart + " --repo " + HelmInstall.CHART_REPOSITORY + " --version " + version + " --untar --untardir " + folder;
            if (!Files.isRegularFile(chartYaml)) {
                return Optional.of("the chart folder " + folder + " has no " + chart + " chart (" + chartYaml + " is missing): " + pull);
            }
            Object found;
            try {
                List<Map<String, Object>> docs = KubeYaml.loadAll(Files.readString(chartYaml));
                found = docs.isEmpty() ? null : docs.get(0).get("version");
            } catch (IOException | RuntimeException e) {
                return Optional.of(chartYaml + " cannot be read as a chart's Chart.yaml (" + e.getMessage() + "): " + pull);
            }
            if (!version.equals(String.valueOf(found))) {
                return Optional.of("the " + chart + " chart in " + folder + " is version " + found + ", not the plan's Istio " + version
                        + ": " + pull);
            }
        }
        return Optional.empty();
    }

    /** In words, for messages. */
    String describe() {
        return folder != null ? "the charts in " + folder : "chart repository " + repository;
    }
}
