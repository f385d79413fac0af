package dev.crossmesh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.GatewayStatus;
import dev.crossmesh.status.HelmReleaseStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.RemoteClusterStatus;
import dev.crossmesh.status.RemoteSecretMatrix;

/** The readable form of a snapshot: a row per cluster, the remote-secret matrix, then the findings. */
final class StatusTable {
    private StatusTable() {
    }

    static String render(MeshStatus status) {
        StringBuilder out = new StringBuilder();
        out.append("mesh ").append(status.meshId()).append(", ").append(status.clusters().size()).append(" clusters, at ").append(status.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append('\n');
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("CLUSTER", "CONTEXT", "STATE", "NETWORK", "ISTIOD", "GATEWAY", "PODS", "PROBE", "REMOTE SECRETS", "ROOT"));
        for (ClusterStatus c : status.clusters()) {
            GatewayStatus gw = c.gateway();
            if (!c.seen()) {
                // unknown, not "none"
                rows.add(List.of(c.name(), context(c), c.state().label(), "?", "?", "?", "?", gw.probe().state().label(), "?", "?"));
                continue;
            }
            rows.add(List.of(c.name(), context(c), c.state().label(),
                    c.network().isEmpty() ? "(none)" : c.network(),
                    c.istiod().total() == 0 && !c.primary() ? "-" : c.istiod().ready() + "/" + c.istiod().total(),
                    address(gw),
                    gw.podsReady() + "/" + gw.podsTotal(),
                    gw.probe().state().label(),
                    c.remoteSecretClusters().isEmpty() ? "-" : String.join(",", c.remoteSecretClusters()),
                    c.rootCertificate().known() ? c.rootCertificate().shortSha256() : "-"));
        }
        table(rows, out);
        if (status.clusters().stream().anyMatch(ClusterStatus::demo)) {
            out.append("  (demo): a crossmesh demo cluster, an API server inside crossmesh on this machine, not a real Kubernetes cluster\n");
        }
        for (ClusterStatus c : status.clusters()) {
            if (c.seen() && !c.helmReleases().isEmpty()) {
                out.append("  ").append(c.name()).append(" Helm releases: ")
                        .append(c.helmReleases().stream().map(HelmReleaseStatus::toText).collect(Collectors.joining(", "))).append('\n');
            }
        }
        for (ClusterStatus c : status.clusters()) {
            if (!c.synced() && !c.stateDetail().isEmpty()) {
                out.append("  ").append(c.name()).append(" is ").append(c.state().label()).append(": ").append(c.stateDetail()).append('\n');
            }
        }

        out.append("\nremote secrets (row: the cluster whose istiod reads the secret; column: the cluster it opens; ok, MISSING, extra, . not needed, ? unknown)\n");
        RemoteSecretMatrix matrix = status.remoteSecretMatrix();
        List<List<String>> grid = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        header.addAll(matrix.clusters());
        grid.add(header);
        for (String reader : matrix.clusters()) {
            List<String> row = new ArrayList<>();
            row.add(reader);
            for (String source : matrix.clusters()) {
                row.add(matrix.cell(reader, source).symbol());
            }
            grid.add(row);
        }
        table(grid, out);

        List<ClusterStatus> istiods = status.clusters().stream().filter(c -> c.primary() && c.seen()).toList();
        if (!istiods.isEmpty()) {
            out.append("\nistiod's remote clusters, as istiod reports them (/debug/clusterz, what istioctl remote-clusters lists)\n");
            for (ClusterStatus c : istiods) {
                String view = c.remoteClusters() == null ? "? unknown (" + RemoteClusterStatus.UNKNOWN_WHY + ")"
                        : c.remoteClusters().isEmpty() ? "none"
                        : String.join(", ", c.remoteClusters().stream().map(r -> r.name() + " " + (r.synced() ? "synced" : r.reason().toUpperCase(Locale.ROOT))).toList());
                out.append("  ").append(c.name()).append(": ").append(view).append('\n');
            }
        }

        out.append('\n');
        if (status.healthy() && status.findings().isEmpty()) {
            out.append("healthy: no findings\n");
        } else {
            status.findings().forEach(f -> out.append(f.toLine()).append('\n'));
            out.append(verdict(status)).append('\n');
        }
        return out.toString();
    }

    private static String verdict(MeshStatus status) {
        long errors = status.findings().stream().filter(Finding::isError).count();
        String counts = errors + " error(s), " + (status.findings().size() - errors) + " warning(s)";
        if (errors > 0) {
            return "unhealthy: " + counts;
        }
        if (status.healthy()) {
            return "healthy: " + counts;
        }
        String unsynced = status.unsynced().stream().map(c -> c.name() + " " + c.state().label()).collect(Collectors.joining(", "));
        return "unknown: " + unsynced + ", so the mesh cannot be called healthy yet; " + counts;
    }

    private static String context(ClusterStatus c) {
        return c.demo() ? c.context() + " (demo)" : c.context();
    }

    private static String address(GatewayStatus gw) {
        if (gw.hasAddress()) {
            return gw.address();
        }
        if (!gw.present()) {
            return "(no service)";
        }
        return "NodePort".equals(gw.serviceType()) ? "(node port)" : "(pending)";
    }

    private static void table(List<List<String>> rows, StringBuilder out) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row.get(i));
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row.get(i).length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
