package dev.crossmesh.ui.topology;

import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * Per cluster its east-west gateway: Service type, address, probe result, pods ready, ports and when it last changed.
 * Selecting a row selects the gateway in the topology.
 */
public final class GatewayStatusTable extends TableView<GatewayEntry> {

    public GatewayStatusTable(TopologyViewModel vm) {
        super(vm.gatewayEntries());
        getStyleClass().add("gateway-table");
        setId("gateway-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No east-west gateways: every cluster is in the same network."));

        TableColumn<GatewayEntry, GatewayRow> cluster = new TableColumn<>("Cluster");
        cluster.setCellValueFactory(c -> c.getValue().rowProperty());
        cluster.setCellFactory(c -> new TableCell<>() {
            // one icon per cell, re-pointed: a new node per update would be styled from scratch every time
            private final org.kordamp.ikonli.javafx.FontIcon icon = HealthIcons.icon(Health.UNKNOWN);

            @Override
            protected void updateItem(GatewayRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    setAccessibleText(null);
                    return;
                }
                setText(row.cluster());
                HealthIcons.set(icon, row.health());
                if (getGraphic() != icon) {
                    setGraphic(icon);
                }
                setAccessibleText(row.cluster() + ", " + row.health().label());
            }
        });
        cluster.setPrefWidth(120);
        getColumns().add(cluster);
        getColumns().add(text("Network", GatewayRow::network, 80, false));
        getColumns().add(text("Type", GatewayRow::serviceType, 100, false));
        getColumns().add(text("Address", GatewayRow::address, 170, true));
        TableColumn<GatewayEntry, String> probe = text("Probe", GatewayRow::probe, 90, false);
        probe.setCellFactory(c -> new TableCell<>() {
            private final Tooltip detail = new Tooltip();

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                GatewayRow row = empty || getTableRow() == null || getTableRow().getItem() == null ? null : getTableRow().getItem().row();
                setText(empty ? null : value);
                if (row == null || row.probeDetail().isEmpty()) {
                    setTooltip(null);
                } else {
                    detail.setText(row.probeDetail());
                    setTooltip(detail);
                }
            }
        });
        getColumns().add(probe);
        getColumns().add(text("Pods", GatewayRow::pods, 56, false));
        getColumns().add(text("Ports", GatewayRow::ports, 150, true));
        getColumns().add(text("Last change", r -> TimeText.of(r.lastChange()), 90, false));

        getSelectionModel().selectedItemProperty().addListener((obs, was, entry) -> {
            if (entry != null && isFocused()) {
                vm.select(Selection.gateway(entry.row().cluster()));
            }
        });
    }

    /** A column of text from the row; it follows the entry's row, so only the cells of a changed row are redrawn. */
    private static TableColumn<GatewayEntry, String> text(String title, Function<GatewayRow, String> value, double width, boolean mono) {
        TableColumn<GatewayEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> Bindings.createStringBinding(() -> value.apply(c.getValue().row()), c.getValue().rowProperty()));
        column.setPrefWidth(width);
        if (mono) {
            column.getStyleClass().add("mono");
        }
        return column;
    }
}
