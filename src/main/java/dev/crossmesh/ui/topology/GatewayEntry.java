package dev.crossmesh.ui.topology;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One cluster's line in the gateway table, kept for as long as the cluster is in the plan: its {@link GatewayRow}
 * changes, the entry stays. A table bound to entries redraws the cells of the row that changed; replacing list items
 * instead makes the table reconfigure every cell it shows, on every update.
 */
public final class GatewayEntry {
    private final ReadOnlyObjectWrapper<GatewayRow> row;

    GatewayEntry(GatewayRow initial) {
        row = new ReadOnlyObjectWrapper<>(this, "row", initial);
    }

    public GatewayRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<GatewayRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** @return whether the row changed */
    boolean update(GatewayRow next) {
        if (next.equals(row.get())) {
            return false;
        }
        row.set(next);
        return true;
    }
}
