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
 * Selecting a row selects its cluster in the topology (and shows its details); selecting in the topology selects the row.
 */
public final class GatewayStatusTable extends TableView<GatewayEntry> {

    public GatewayStatusTable(TopologyViewModel vm) {
        super(vm.gatewayEntries());
        getStyleClass().add("gateway-table");
        setId("gateway-table");
        // the widths are set in layoutChildren, from the text; a table narrower than its headers scrolls sideways
        setColumnResizePolicy(UNCONSTRAINED_RESIZE_POLICY);
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
                    setTooltip(null);
                    return;
                }
                setText(row.cluster());
                HealthIcons.set(icon, row.health());
                if (getGraphic() != icon) {
                    setGraphic(icon);
                }
                setAccessibleText(row.cluster() + ", " + row.health().label());
                setTooltip(new Tooltip(row.cluster() + ": " + row.health().label()));
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
                if (row == null) {
                    setTooltip(null);
                } else {
                    detail.setText(row.probeDetail().isEmpty() ? value : value + ": " + row.probeDetail());
                    setTooltip(detail);
                }
            }
        });
        getColumns().add(probe);
        getColumns().add(text("Pods", GatewayRow::pods, 56, false));
        getColumns().add(text("Last change", r -> TimeText.of(r.lastChange()), 90, false));
        // last: the column that gives way (with "…" and the whole list in the tooltip) when the table is narrow
        getColumns().add(text("Ports", GatewayRow::ports, 150, true));
        values = java.util.List.of(GatewayRow::cluster, GatewayRow::network, GatewayRow::serviceType, GatewayRow::address, GatewayRow::probe,
                GatewayRow::pods, r -> TimeText.of(r.lastChange()), GatewayRow::ports);
        for (TableColumn<GatewayEntry, ?> c : getColumns()) {
            c.setReorderable(false);
        }
        getItems().addListener((javafx.collections.ListChangeListener<GatewayEntry>) c -> requestLayout());

        // a row picked by the user (click or keys) selects its cluster in the drawing and shows its details
        getSelectionModel().selectedItemProperty().addListener((obs, was, entry) -> {
            if (entry != null && !following) {
                vm.select(Selection.cluster(entry.row().cluster()));
            }
        });
        // and the other way round: a cluster or gateway picked in the drawing is the row here
        vm.selectionProperty().addListener((obs, was, now) -> {
            if (now == null) {
                getSelectionModel().clearSelection();
                return;
            }
            for (GatewayEntry e : getItems()) {
                if (e.row().cluster().equals(now.cluster()) && getSelectionModel().getSelectedItem() != e) {
                    following = true;
                    try {
                        getSelectionModel().select(e);
                    } finally {
                        following = false;
                    }
                    scrollTo(e);
                }
            }
        });
    }

    private final java.util.List<Function<GatewayRow, String>> values;
    /** True while the table follows a selection made in the drawing: that is not the user picking a row. */
    private boolean following;

    /**
     * Each column as wide as its widest text (header included) at the table's font, so that nothing is cut while
     * there is room; Ports, last, gives way first.
     */
    @Override
    protected void layoutChildren() {
        javafx.scene.text.Font font = cellFont();
        if (font != null) {
            double[] wantedWidths = new double[getColumns().size()];
            double[] minWidths = new double[getColumns().size()];
            for (int i = 0; i < getColumns().size(); i++) {
                TableColumn<GatewayEntry, ?> column = getColumns().get(i);
                boolean mono = column.getStyleClass().contains("mono");
                javafx.scene.text.Font f = mono ? javafx.scene.text.Font.font("monospace", font.getSize()) : font;
                double widest = 0;
                for (GatewayEntry e : getItems()) {
                    widest = Math.max(widest, width(values.get(i).apply(e.row()), f));
                }
                double pad = font.getSize() * 1.6 + (i == 0 ? font.getSize() * 1.6 : 0);
                double header = width(column.getText(), javafx.scene.text.Font.font(font.getFamily(), javafx.scene.text.FontWeight.BOLD, font.getSize())) + font.getSize() * 1.4;
                wantedWidths[i] = Math.ceil(Math.max(header, widest + pad));
                minWidths[i] = Math.ceil(header);
            }
            wanted = java.util.Arrays.stream(wantedWidths).sum();
            // the last column (Ports) takes what is left: more when there is room, less (down to its header) when not
            int last = wantedWidths.length - 1;
            double room = getWidth() - snappedLeftInset() - snappedRightInset() - font.getSize() * 1.2;
            double others = wanted - wantedWidths[last];
            wantedWidths[last] = Math.max(minWidths[last], room - others);
            for (int i = 0; i < wantedWidths.length; i++) {
                TableColumn<GatewayEntry, ?> column = getColumns().get(i);
                if (column.getMinWidth() != minWidths[i]) {
                    column.setMinWidth(minWidths[i]);
                }
                if (Math.abs(column.getPrefWidth() - wantedWidths[i]) > 0.5) {
                    column.setPrefWidth(wantedWidths[i]);
                }
            }
        }
        super.layoutChildren();
    }

    /** The width all columns want: what the findings beside the table leave it, when there is room. */
    double wantedWidth() {
        return wanted + snappedLeftInset() + snappedRightInset() + 24;
    }

    private double wanted;

    private javafx.scene.text.Font cellFont() {
        javafx.scene.Node cell = lookup(".table-cell");
        if (cell instanceof javafx.scene.control.Labeled l) {
            return l.getFont();
        }
        javafx.scene.Node header = lookup(".column-header .label");
        return header instanceof javafx.scene.control.Labeled l ? l.getFont() : null;
    }

    private static double width(String text, javafx.scene.text.Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text == null ? "" : text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    /** The table never gets shorter than its header and this many rows: the drawing above gives way instead. */
    static final int MIN_ROWS = 3;

    @Override
    protected double computeMinHeight(double width) {
        javafx.scene.Node header = lookup(".column-header-background");
        double headerH = header == null ? 0 : header.prefHeight(-1);
        double row = getFixedCellSize() > 0 ? getFixedCellSize() : 24;
        // a horizontal scroll bar (a narrow window) takes a row's place unless counted
        double hbar = 0;
        for (javafx.scene.Node bar : lookupAll(".scroll-bar")) {
            if (bar instanceof javafx.scene.control.ScrollBar sb && sb.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && sb.isVisible()) {
                hbar = sb.prefHeight(-1);
            }
        }
        return snappedTopInset() + snappedBottomInset() + headerH + MIN_ROWS * row + hbar + 2;
    }

    /** A column of text from the row; it follows the entry's row, so only the cells of a changed row are redrawn. */
    private static TableColumn<GatewayEntry, String> text(String title, Function<GatewayRow, String> value, double width, boolean mono) {
        TableColumn<GatewayEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> Bindings.createStringBinding(() -> value.apply(c.getValue().row()), c.getValue().rowProperty()));
        column.setPrefWidth(width);
        column.setCellFactory(c -> new TableCell<>() {
            private final Tooltip whole = new Tooltip();

            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                // a value cut with "…" in a narrow window is whole in the tooltip
                if (empty || value == null || value.isEmpty()) {
                    setTooltip(null);
                } else {
                    whole.setText(value);
                    setTooltip(whole);
                }
            }
        });
        if (mono) {
            column.getStyleClass().add("mono");
        }
        return column;
    }
}
