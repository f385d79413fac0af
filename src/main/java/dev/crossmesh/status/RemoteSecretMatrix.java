package dev.crossmesh.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remote secrets over the mesh: a row per reader cluster (whose istiod reads the secret), a column per source cluster
 * (whose API server the secret opens). Made from a snapshot, so it needs no cluster access.
 */
public record RemoteSecretMatrix(List<String> clusters, Map<String, Map<String, Cell>> cells) {

    public enum Cell {
        /** The plan wants it and it is there. */
        PRESENT("ok"),
        /** The plan wants it and it is not there: the reader's istiod cannot see the source's endpoints. */
        MISSING("MISSING"),
        /** There, but the plan does not want it (e.g. a remote reading its primary in primary-remote). */
        EXTRA("extra"),
        /** Neither wanted nor there. */
        NOT_NEEDED("."),
        /** The reader and the source are the same cluster. */
        SELF("-"),
        /** The reader is not synced: crossmesh cannot tell. */
        UNKNOWN("?");

        private final String symbol;

        Cell(String symbol) {
            this.symbol = symbol;
        }

        /** What the CLI prints in the matrix. */
        public String symbol() {
            return symbol;
        }
    }

    public RemoteSecretMatrix {
        clusters = List.copyOf(clusters);
        Map<String, Map<String, Cell>> copy = new LinkedHashMap<>();
        cells.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        cells = java.util.Collections.unmodifiableMap(copy);
    }

    public static RemoteSecretMatrix of(List<ClusterStatus> statuses) {
        List<String> names = statuses.stream().map(ClusterStatus::name).toList();
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        for (ClusterStatus reader : statuses) {
            Map<String, Cell> row = new LinkedHashMap<>();
            List<String> present = reader.remoteSecretClusters();
            for (String source : names) {
                boolean expected = reader.expectedRemoteSecrets().contains(source);
                Cell cell;
                if (source.equals(reader.name())) {
                    cell = Cell.SELF;
                } else if (!reader.synced()) {
                    cell = Cell.UNKNOWN;
                } else if (present.contains(source)) {
                    cell = expected ? Cell.PRESENT : Cell.EXTRA;
                } else {
                    cell = expected ? Cell.MISSING : Cell.NOT_NEEDED;
                }
                row.put(source, cell);
            }
            cells.put(reader.name(), row);
        }
        return new RemoteSecretMatrix(names, cells);
    }

    /** @return the cell for a reader and a source, {@link Cell#UNKNOWN} for names not in the mesh */
    public Cell cell(String reader, String source) {
        return cells.getOrDefault(reader, Map.of()).getOrDefault(source, Cell.UNKNOWN);
    }
}
