package dev.crossmesh.ui.topology;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The status findings, newest first: severity symbol, code, cluster, when it appeared, and the message that says what to do. */
public final class FindingsPanel extends VBox {
    private final ListView<FindingRow> list;
    private final Label title = new Label();

    public FindingsPanel(TopologyViewModel vm) {
        getStyleClass().add("findings-panel");
        setId("findings");
        list = new ListView<>(vm.findingRows());
        list.setId("findings-list");
        list.getStyleClass().add("findings-list");
        Label placeholder = new Label("No findings: every check passes.");
        placeholder.getStyleClass().add("findings-placeholder");
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new FindingCell());
        title.getStyleClass().add("panel-title");
        updateTitle(vm);
        vm.findingRows().addListener((javafx.collections.ListChangeListener<FindingRow>) c -> updateTitle(vm));
        VBox.setVgrow(list, Priority.ALWAYS);
        allClear.getStyleClass().addAll("findings-placeholder", "findings-all-clear");
        allClear.setId("findings-all-clear");
        allClear.setWrapText(true);
        getChildren().addAll(title, list, allClear);

        history = new ListView<>(vm.resolvedFindings());
        history.setId("resolved-findings");
        history.getStyleClass().addAll("findings-list", "resolved-list");
        history.setCellFactory(v -> new ResolvedCell());
        Label historyTitle = new Label();
        historyTitle.getStyleClass().addAll("panel-title", "resolved-title");
        historyTitle.setId("resolved-title");
        VBox historyBox = new VBox(historyTitle, history);
        VBox.setVgrow(history, Priority.ALWAYS);
        VBox.setVgrow(historyBox, Priority.SOMETIMES);
        Runnable showHistory = () -> {
            boolean any = !vm.resolvedFindings().isEmpty();
            historyTitle.setText("Resolved (" + vm.resolvedFindings().size() + "), newest first");
            historyBox.setVisible(any);
            historyBox.setManaged(any);
            // while there are problems they come first; once none is left, one line says so and the history gets the room
            boolean quiet = vm.findingRows().isEmpty() && any;
            list.setVisible(!quiet);
            list.setManaged(!quiet);
            allClear.setVisible(quiet);
            allClear.setManaged(quiet);
        };
        vm.resolvedFindings().addListener((javafx.collections.ListChangeListener<ResolvedFinding>) c -> showHistory.run());
        vm.findingRows().addListener((javafx.collections.ListChangeListener<FindingRow>) c -> showHistory.run());
        showHistory.run();
        getChildren().add(historyBox);
    }

    private final ListView<ResolvedFinding> history;
    private final Label allClear = new Label("No open findings: every check passes now.", HealthIcons.icon(Health.OK));

    ListView<ResolvedFinding> history() {
        return history;
    }

    /** A resolved finding: what it was, from when to when. */
    private static final class ResolvedCell extends ListCell<ResolvedFinding> {
        private final Label head = new Label(null, HealthIcons.icon(Health.OK));
        private final Label time = new Label();
        private final Label message = new Label();
        private final javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        private final VBox box;

        ResolvedCell() {
            setPrefWidth(0);
            head.getStyleClass().add("finding-head");
            time.getStyleClass().add("finding-time");
            message.getStyleClass().addAll("finding-message", "resolved-message");
            // one line each: history is scanned, the tooltip has the whole message
            message.setMinWidth(0);
            message.setTooltip(whole);
            // one line: what, the message cut to fit (whole in the tooltip), from when to when
            head.setMinWidth(Region.USE_PREF_SIZE);
            time.setMinWidth(Region.USE_PREF_SIZE);
            message.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(message, Priority.ALWAYS);
            HBox line = new HBox(8, head, message, time);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(line);
            box.getStyleClass().addAll("finding-cell", "resolved-cell");
        }

        @Override
        protected void updateItem(ResolvedFinding item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (!box.maxWidthProperty().isBound() && getListView() != null) {
                box.maxWidthProperty().bind(getListView().widthProperty().subtract(28));
            }
            FindingRow f = item.finding();
            head.setText("resolved " + f.code() + (f.cluster().isEmpty() ? "" : " · " + f.cluster()));
            time.setText(TimeText.of(f.firstSeen()) + " – " + TimeText.of(item.resolvedAt()));
            message.setText(f.severity().label() + ": " + f.message());
            whole.setText(message.getText());
            box.setAccessibleText("resolved " + f.severity().label() + " " + f.code() + " " + f.cluster() + ", from " + TimeText.of(f.firstSeen())
                    + " to " + TimeText.of(item.resolvedAt()) + ": " + f.message());
            setGraphic(box);
        }
    }

    private void updateTitle(TopologyViewModel vm) {
        long errors = vm.findingRows().stream().filter(f -> f.health() == Health.ERROR).count();
        long warnings = vm.findingRows().size() - errors;
        title.setText("Findings" + (vm.findingRows().isEmpty() ? "" : " (" + count(errors, "error") + ", " + count(warnings, "warning") + "), newest first"));
    }

    /** The panel's own title: hidden when a tab already says "Findings". */
    void setTitleVisible(boolean visible) {
        title.setVisible(visible);
        title.setManaged(visible);
    }

    ListView<FindingRow> list() {
        return list;
    }

    /** One finding as a block: also used by the details panel. */
    static VBox findingBox(FindingRow f, boolean withCluster) {
        Label head = new Label(f.severity().label() + " " + f.code() + (withCluster && !f.cluster().isEmpty() ? " · " + f.cluster() : ""),
                HealthIcons.icon(f.health()));
        head.getStyleClass().add("finding-head");
        Label time = new Label("since " + TimeText.of(f.firstSeen()));
        time.getStyleClass().add("finding-time");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, head, spacer, time);
        top.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label(f.message());
        message.getStyleClass().add("finding-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(3, top, message);
        box.getStyleClass().add("finding-cell");
        box.setAccessibleText(f.severity().label() + " " + f.code() + " " + f.cluster() + ": " + f.message());
        return box;
    }

    /** One finding; its nodes are made once and filled again for each finding the cell shows. */
    private static final class FindingCell extends ListCell<FindingRow> {
        private final org.kordamp.ikonli.javafx.FontIcon icon = HealthIcons.icon(Health.ERROR);
        private final Label head = new Label(null, icon);
        private final Label time = new Label();
        private final Label message = new Label();
        private final VBox box;

        FindingCell() {
            setPrefWidth(0);
            head.getStyleClass().add("finding-head");
            time.getStyleClass().add("finding-time");
            message.getStyleClass().add("finding-message");
            message.setWrapText(true);
            message.setMinHeight(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, head, spacer, time);
            top.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(3, top, message);
            box.getStyleClass().add("finding-cell");
            setText(null);
        }

        @Override
        protected void updateItem(FindingRow item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (!box.maxWidthProperty().isBound() && getListView() != null) {
                box.maxWidthProperty().bind(getListView().widthProperty().subtract(28));
            }
            HealthIcons.set(icon, item.health());
            head.setText(item.severity().label() + " " + item.code() + (item.cluster().isEmpty() ? "" : " · " + item.cluster()));
            time.setText("since " + TimeText.of(item.firstSeen()));
            message.setText(item.message());
            box.setAccessibleText(item.severity().label() + " " + item.code() + " " + item.cluster() + ": " + item.message());
            if (getGraphic() != box) {
                setGraphic(box);
            }
        }
    }

    private static String count(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
