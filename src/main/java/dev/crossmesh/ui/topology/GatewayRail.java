package dev.crossmesh.ui.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import dev.crossmesh.ui.topology.TopologyModel.GatewayNode;

/**
 * A network's east-west gateways, on the edge of its box: one row per cluster's gateway with its health symbol,
 * cluster and address:15443. The data-plane links to other networks leave from its outer edge.
 */
final class GatewayRail extends VBox {
    private final Map<String, Row> rows = new LinkedHashMap<>();

    GatewayRail(String network, List<GatewayNode> gateways, Consumer<String> onSelect) {
        getStyleClass().add("gateway-rail");
        setId("rail-" + network);
        FontIcon swap = new FontIcon(MaterialDesignS.SWAP_HORIZONTAL);
        swap.getStyleClass().add("rail-icon");
        Label title = new Label(gateways.size() == 1 ? "east-west gateway" : "east-west gateways", swap);
        title.getStyleClass().add("rail-title");
        title.setMinHeight(TopologyLayout.RAIL_HEAD);
        title.setPrefHeight(TopologyLayout.RAIL_HEAD);
        title.setMaxHeight(TopologyLayout.RAIL_HEAD);
        getChildren().add(title);
        for (GatewayNode g : gateways) {
            Row row = new Row(g.cluster(), onSelect);
            rows.put(g.cluster(), row);
            getChildren().add(row);
        }
        gateways.forEach(this::update);
    }

    /** The narrowest and widest a rail gets: very long addresses (cloud load-balancer host names) are cut with "…". */
    static final double MIN_WIDTH = 200;
    static final double MAX_WIDTH = 380;

    /** The width the rail's text needs, once CSS has given it its fonts: what the layout makes room for. */
    double wantedWidth() {
        alignColumns();
        double rows = this.rows.values().stream().mapToDouble(r -> r.prefWidth(-1)).max().orElse(0);
        double title = getChildren().get(0).prefWidth(-1);
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.max(rows, title) + snappedLeftInset() + snappedRightInset() + 4));
    }

    /** The cluster names form a column as wide as the longest, so that the addresses line up. */
    private void alignColumns() {
        double column = 0;
        for (Row r : rows.values()) {
            column = Math.max(column, textWidth(r.cluster));
        }
        column = Math.min(column + 2, 140);
        for (Row r : rows.values()) {
            if (r.cluster.getPrefWidth() != column) {
                r.cluster.setMinWidth(column);
                r.cluster.setPrefWidth(column);
                r.cluster.setMaxWidth(column);
            }
        }
    }

    private static double textWidth(Label label) {
        javafx.scene.text.Text text = new javafx.scene.text.Text(label.getText());
        text.setFont(label.getFont());
        return Math.ceil(text.getLayoutBounds().getWidth());
    }

    @Override
    protected void layoutChildren() {
        alignColumns();
        super.layoutChildren();
    }

    void update(GatewayNode g) {
        Row row = rows.get(g.cluster());
        if (row != null) {
            row.update(g);
            HealthIcons.styleHealth(this, Health.worst(rows.values().stream().map(Row::health).toList()));
        }
    }

    void setSelected(String cluster) {
        rows.forEach((name, row) -> row.pseudoClassStateChanged(ClusterCard.SELECTED, name.equals(cluster)));
    }

    Row row(String cluster) {
        return rows.get(cluster);
    }

    /** One gateway; clicking it selects it. */
    static final class Row extends HBox {
        private final FontIcon icon = HealthIcons.icon(Health.UNKNOWN);
        private final Label cluster = new Label();
        private final Label address = new Label();
        private final Tooltip tooltip = new Tooltip();
        private Health health = Health.UNKNOWN;
        private GatewayNode shown;

        Row(String clusterName, Consumer<String> onSelect) {
            super(6);
            getStyleClass().add("gateway-row");
            setId("gateway-" + clusterName);
            setAlignment(Pos.CENTER_LEFT);
            setFocusTraversable(true);
            setAccessibleRole(AccessibleRole.BUTTON);
            cluster.getStyleClass().add("gateway-cluster");
            cluster.setMinWidth(0);
            address.getStyleClass().add("gateway-address");
            address.setMinWidth(0);
            address.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(address, Priority.ALWAYS);
            getChildren().addAll(icon, cluster, address);
            double h = TopologyLayout.RAIL_ROW;
            setMinHeight(h);
            setPrefHeight(h);
            setMaxHeight(h);
            Tooltip.install(this, tooltip);
            setOnMouseClicked(e -> {
                if (!e.isStillSincePress()) {
                    return; // the end of a drag that pans the drawing
                }
                onSelect.accept(clusterName);
                requestFocus();
                e.consume();
            });
            setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                    onSelect.accept(clusterName);
                    e.consume();
                }
            });
        }

        void update(GatewayNode g) {
            if (g.equals(shown)) {
                return;
            }
            shown = g;
            health = g.health();
            HealthIcons.set(icon, g.health());
            HealthIcons.styleHealth(this, g.health());
            cluster.setText(g.cluster());
            address.setText(g.text());
            tooltip.setText("east-west gateway of " + g.cluster() + "\n" + (g.endpoint().isEmpty() ? g.text() : g.endpoint()) + "\n" + g.health().title()
                    + (g.problem().isEmpty() ? "" : ": " + g.problem()) + "\nClick for details");
            setAccessibleText("gateway of " + g.cluster() + ", " + g.health().label() + ", " + g.text());
        }

        /** What the row shows as the address: "203.0.113.7:15443", "no address", ... */
        String addressText() {
            return address.getText();
        }

        Health health() {
            return health;
        }
    }
}
