package dev.crossmesh.ui.topology;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

import dev.crossmesh.ui.topology.TopologyModel.NetworkNode;

/** A network's box (the background) and its header (name and the regions of its clusters), drawn in two layers. */
final class NetworkBox {
    final Region box = new Region();
    final javafx.scene.layout.VBox header = new javafx.scene.layout.VBox(1);
    private final FontIcon icon = new FontIcon(MaterialDesignL.LAN);
    private final Label name = new Label();
    private final Label regions = new Label();
    private NetworkNode shown;

    NetworkBox(NetworkNode node) {
        box.getStyleClass().add("network-box");
        box.setId("network-" + node.name());
        box.setMouseTransparent(true);
        header.getStyleClass().add("network-header");
        header.setAlignment(Pos.TOP_LEFT);
        header.setFillWidth(false);
        header.setMouseTransparent(true);
        icon.getStyleClass().add("network-icon");
        name.getStyleClass().add("network-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        regions.getStyleClass().add("network-regions");
        regions.setMinWidth(0);
        regions.setMaxWidth(Double.MAX_VALUE);
        // the labels, not the whole header, hide the links that pass behind them; regions go below the name, where the
        // box's whole width is theirs
        HBox title = new HBox(6, icon, name);
        title.getStyleClass().add("network-title");
        title.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(Region.USE_PREF_SIZE);
        header.getChildren().addAll(title, regions);
        header.widthProperty().addListener((obs, was, now) -> regions.setMaxWidth(now.doubleValue()));
        update(node);
    }

    /** How wide the name and regions are drawn: the part of the header links should keep clear of. */
    double textWidth() {
        return Math.max(header.getChildren().get(0).prefWidth(-1), regions.isVisible() ? regions.prefWidth(-1) : 0);
    }

    void update(NetworkNode node) {
        if (node.equals(shown)) {
            return;
        }
        shown = node;
        name.setText(node.name());
        regions.setText(node.regions().isEmpty() ? "" : String.join(", ", node.regions()));
        regions.setVisible(!node.regions().isEmpty());
        HealthIcons.styleHealth(box, node.health());
        box.setAccessibleText("network " + node.name() + (node.regions().isEmpty() ? "" : ", regions " + String.join(", ", node.regions())));
    }

    String regionsText() {
        return regions.getText();
    }
}
