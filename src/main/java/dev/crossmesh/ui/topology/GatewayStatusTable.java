package dev.crossmesh.ui.topology;

import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * Per cluster its east-west gateway: Service type, address, probe result, pods ready, ports and when it last changed.
 * Selecting a row selects the gateway in the topology.
 */
public final class GatewayStatusTable extends TableView<GatewayRow> {

    public GatewayStatusTable(TopologyViewModel vm) {
        super(vm.gatewayRows());
        getStyleClass().add("gateway-table");
        setId("gateway-table");
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No east-west gateways: every cluster is in the same network."));

        TableColumn<GatewayRow, GatewayRow> cluster = new TableColumn<>("Cluster");
        cluster.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        cluster.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(GatewayRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.cluster());
                setGraphic(empty || row == null ? null : HealthIcons.icon(row.health()));
                setAccessibleText(empty || row == null ? null : row.cluster() + ", " + row.health().label());
            }
        });
        cluster.setPrefWidth(120);
        getColumns().add(cluster);
        getColumns().add(text("Network", GatewayRow::network, 80, false));
        getColumns().add(text("Type", GatewayRow::serviceType, 100, false));
        getColumns().add(text("Address", GatewayRow::address, 170, true));
        TableColumn<GatewayRow, String> probe = text("Probe", GatewayRow::probe, 90, false);
        probe.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                GatewayRow row = empty ? null : getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : value);
                setTooltip(row == null || row.probeDetail().isEmpty() ? null : new Tooltip(row.probeDetail()));
            }
        });
        getColumns().add(probe);
        getColumns().add(text("Pods", GatewayRow::pods, 56, false));
        getColumns().add(text("Ports", GatewayRow::ports, 150, true));
        getColumns().add(text("Last change", r -> TimeText.of(r.lastChange()), 90, false));

        getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> {
            if (row != null && isFocused()) {
                vm.select(Selection.gateway(row.cluster()));
            }
        });
    }

    private static TableColumn<GatewayRow, String> text(String title, Function<GatewayRow, String> value, double width, boolean mono) {
        TableColumn<GatewayRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        if (mono) {
            column.getStyleClass().add("mono");
        }
        return column;
    }
}
