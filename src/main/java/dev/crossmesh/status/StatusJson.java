package dev.crossmesh.status;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.crossmesh.plan.Finding;

/**
 * The JSON of {@code crossmesh status --json}, and of the live view's "Export status as JSON" (one builder, so both
 * write the same bytes). Scripts rely on this shape: field names and nesting never change; a value that is not known
 * is {@code null}, never a missing field.
 */
public final class StatusJson {
    private static final Gson PRETTY = new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create();
    private static final Gson LINE = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    public record Status(String meshId, List<Cluster> clusters, List<JsonFinding> findings) {
    }

    public record Cluster(String name, String context, String state, String network, Count istiod, Gateway gateway, List<String> remoteSecrets,
            String rootCertSha256, List<HelmRelease> helmReleases, List<RemoteCluster> remoteClusters) {
    }

    /** A deployed Helm release in istio-system; chart and chartVersion null when helm's record could not be read. */
    public record HelmRelease(String name, String chart, String chartVersion, int revision) {
    }

    /** One remote cluster as istiod reports it ({@code /debug/clusterz}); {@code reason} is istiod's sync status, null when synced. */
    public record RemoteCluster(String name, boolean synced, String reason) {
    }

    public record Count(Integer ready, Integer total) {
    }

    public record Gateway(String address, Integer ready, Integer total, String probe) {
    }

    public record JsonFinding(String severity, String code, String cluster, String message) {
    }

    private StatusJson() {
    }

    public static Status of(MeshStatus status) {
        List<Cluster> clusters = status.clusters().stream().map(StatusJson::cluster).toList();
        List<JsonFinding> findings = status.findings().stream().map(StatusJson::finding).toList();
        return new Status(status.meshId(), clusters, findings);
    }

    /** What {@code crossmesh status --json} prints, without the line break {@code println} adds. */
    public static String pretty(MeshStatus status) {
        return PRETTY.toJson(of(status));
    }

    /** One line, for {@code --watch}: a JSON document per line. */
    public static String line(MeshStatus status) {
        return LINE.toJson(of(status));
    }

    private static Cluster cluster(ClusterStatus c) {
        if (!c.seen()) {
            // nothing known yet (connecting, or offline from the start): null, as the table's "?", not 0 or []
            return new Cluster(c.name(), c.context(), c.state().label(), null, new Count(null, null),
                    new Gateway(null, null, null, c.gateway().probe().state().label()), null, null, null, null);
        }
        return new Cluster(c.name(), c.context(), c.state().label(), nullIfEmpty(c.network()),
                new Count(c.istiod().ready(), c.istiod().total()),
                new Gateway(nullIfEmpty(c.gateway().address()), c.gateway().podsReady(), c.gateway().podsTotal(), c.gateway().probe().state().label()),
                c.remoteSecretClusters(), nullIfEmpty(c.rootCertificate().sha256()),
                c.helmReleases().stream().map(h -> new HelmRelease(h.name(), nullIfEmpty(h.chart()), nullIfEmpty(h.chartVersion()), h.revision())).toList(),
                c.remoteClusters() == null ? null : c.remoteClusters().stream().map(r -> new RemoteCluster(r.name(), r.synced(), nullIfEmpty(r.reason()))).toList());
    }

    /** A finding as every --json of crossmesh prints it; a finding about the whole mesh has {@code "cluster": null}. */
    public static JsonFinding finding(Finding f) {
        return new JsonFinding(f.severity().label(), f.code(), nullIfEmpty(f.cluster()), f.message());
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
