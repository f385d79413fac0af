package dev.crossmesh.ui.topology;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import dev.crossmesh.ui.topology.Details.Field;
import dev.crossmesh.ui.topology.Details.Section;

/** The side panel: everything known about the selected cluster or gateway, and the findings that concern it with what to do. */
public final class DetailsPanel extends ScrollPane {
    private final VBox content = new VBox();
    private final TopologyViewModel vm;

    public DetailsPanel(TopologyViewModel vm) {
        this.vm = vm;
        getStyleClass().add("details-scroll");
        setId("details");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        content.getStyleClass().add("details-panel");
        setContent(content);
        setMinWidth(260);
        setPrefWidth(340);
        vm.detailsProperty().addListener((obs, was, now) -> show(now));
        show(vm.detailsProperty().get());
    }

    private void show(Details d) {
        content.getChildren().clear();
        if (d == null) {
            Label empty = new Label("Click a cluster or a gateway in the topology to see its addresses, ports, pods, remote secrets, "
                    + "root certificate and findings.");
            empty.setWrapText(true);
            empty.getStyleClass().add("details-empty");
            content.getChildren().add(empty);
            return;
        }
        Label title = new Label(breakable(d.title()), HealthIcons.icon(d.health()));
        title.getStyleClass().add("details-title");
        title.setId("details-title");
        title.setWrapText(true);
        Button close = new Button(null, new FontIcon(MaterialDesignC.CLOSE));
        close.getStyleClass().addAll("flat", "button-icon");
        close.setTooltip(new Tooltip("Close (Esc)"));
        close.setOnAction(e -> vm.clearSelection());
        close.setId("details-close");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(6, title, spacer, close);
        head.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(title, Priority.SOMETIMES);

        Label subtitle = wrapped(d.subtitle(), "details-subtitle");
        Label state = wrapped(d.health().title() + ": " + d.healthText(), "details-state");
        content.getChildren().addAll(head, subtitle, state);

        // what is wrong and what to do comes first: that is what the user clicked for
        if (!d.findings().isEmpty()) {
            Label findingsTitle = new Label("Findings (" + d.findings().size() + ")");
            findingsTitle.getStyleClass().add("details-section-title");
            content.getChildren().add(findingsTitle);
            for (FindingRow f : d.findings()) {
                content.getChildren().add(FindingsPanel.findingBox(f, false));
            }
        }
        // one grid for every section: the values of all sections line up in one column
        GridPane grid = new GridPane();
        grid.setId("details-grid");
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setPercentWidth(-1);
        // labels wrap beyond about ten words' width rather than squeeze the values
        labels.maxWidthProperty().bind(content.widthProperty().multiply(0.42));
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(80);
        grid.getColumnConstraints().addAll(labels, values);
        int row = 0;
        for (Section s : d.sections()) {
            Label sectionTitle = new Label(s.title());
            sectionTitle.getStyleClass().add("details-section-title");
            sectionTitle.setWrapText(true);
            grid.add(sectionTitle, 0, row++, 2, 1);
            for (Field f : s.fields()) {
                Label label = new Label(f.label());
                label.getStyleClass().add("details-label");
                label.setWrapText(true);
                label.setMinWidth(0);
                Label value = new Label(breakable(f.value()));
                value.getStyleClass().add("details-value");
                if (f.code()) {
                    value.getStyleClass().add("code");
                }
                value.setWrapText(true);
                value.setMinHeight(Region.USE_PREF_SIZE);
                label.setMinHeight(Region.USE_PREF_SIZE);
                if (f.health() != null) {
                    value.setGraphic(HealthIcons.icon(f.health()));
                    value.setAccessibleText(f.health().label() + ": " + f.value());
                } else {
                    value.setAccessibleText(f.value());
                }
                GridPane.setValignment(label, VPos.TOP);
                GridPane.setValignment(value, VPos.TOP);
                grid.add(label, 0, row);
                grid.add(value, 1, row);
                row++;
            }
        }
        content.getChildren().add(grid);

        content.setPadding(new Insets(12));
        setVvalue(0);
    }

    /**
     * A value that may wrap inside long names and addresses: after "-", "/", ".", ":" and "," (a zero-width space
     * there), so "istio-remote-secret-asia-south" breaks between words instead of being cut.
     */
    static String breakable(String value) {
        if (value == null || value.length() < 16) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c);
            if ((c == '-' || c == '/' || c == '.' || c == ':' || c == ',' || c == '=') && i + 1 < value.length() && value.charAt(i + 1) != ' ') {
                out.append('\u200B');
            }
        }
        return out.toString();
    }

    private static Label wrapped(String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(styleClass);
        return l;
    }

    /** The title shown, for tests. */
    String shownTitle() {
        return content.getChildren().isEmpty() || !(content.getChildren().get(0) instanceof HBox h) ? null : ((Label) h.getChildren().get(0)).getText().replace("\u200B", "");
    }
}
