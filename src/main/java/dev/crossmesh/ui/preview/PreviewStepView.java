package dev.crossmesh.ui.preview;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;

/**
 * Step 4's screen: a tab per cluster with its files in apply order and the selected manifest as highlighted,
 * read-only YAML; findings and the live diff slot under it; Copy and Export above.
 */
public final class PreviewStepView extends StepPage {
    private final PreviewStepViewModel vm;
    private final TabPane tabs = new TabPane();
    private final ListView<PreviewFile> files = new ListView<>();
    private final CodeArea code = new CodeArea();
    private final SplitPane split;
    private boolean updatingTabs;
    private boolean focusWhenShown;

    public PreviewStepView(PreviewStepViewModel vm) {
        super(WizardStep.PREVIEW.title(), WizardStep.PREVIEW.purpose());
        this.vm = vm;
        getStyleClass().add("preview-step");

        Button copy = new Button("Copy _YAML", Icons.of(MaterialDesignC.CONTENT_COPY));
        copy.setId("copyManifest");
        copy.setMnemonicParsing(true);
        copy.setTooltip(new Tooltip("Copy the shown manifest to the clipboard (secret values stay hidden)"));
        copy.disableProperty().bind(vm.selectedFileProperty().isNull());
        copy.setOnAction(e -> vm.copySelected());

        Button export = new Button("_Export to folder…", Icons.of(MaterialDesignF.FOLDER_DOWNLOAD_OUTLINE));
        export.setId("exportManifests");
        export.setMnemonicParsing(true);
        export.setTooltip(new Tooltip("Write every manifest and apply.sh, as crossmesh export does"));
        export.disableProperty().bind(vm.stateProperty().isNotEqualTo(PreviewStepViewModel.State.READY).or(vm.exportingProperty()));
        export.setOnAction(e -> vm.export());

        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        busy.visibleProperty().bind(vm.stateProperty().isEqualTo(PreviewStepViewModel.State.PREPARING).or(vm.exportingProperty()));
        busy.managedProperty().bind(busy.visibleProperty());

        Label status = new Label();
        status.setId("previewStatus");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setMinWidth(0);
        Tooltip countTip = new Tooltip();
        countTip.setWrapText(true);
        countTip.setMaxWidth(480);
        // the status whole (the line is cut with "…" in a narrow window), then the count with its breakdown
        countTip.textProperty().bind(javafx.beans.binding.Bindings.concat(vm.statusProperty(), "\n", vm.countTextProperty()));
        status.setTooltip(countTip);
        vm.stateProperty().addListener((obs, o, n) -> status.pseudoClassStateChanged(Styles.STATE_DANGER, n == PreviewStepViewModel.State.FAILED));

        copy.setMinWidth(Button.USE_PREF_SIZE);
        export.setMinWidth(Button.USE_PREF_SIZE);
        HBox toolbar = new HBox(8, copy, export, new Spacer(), busy, status);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        addToHead(toolbar);

        Label message = new Label();
        message.setId("previewMessage");
        message.getStyleClass().add("step-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        addToHead(message);

        buildFileList();
        buildCodeArea();
        Label note = new Label();
        note.setId("manifestNote");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        note.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedFileProperty().get() == null ? ""
                : vm.selectedFileProperty().get().displayName() + " · " + vm.selectedFileProperty().get().note(), vm.selectedFileProperty()));
        VirtualizedScrollPane<CodeArea> codeScroll = new VirtualizedScrollPane<>(code);
        VBox codeBox = new VBox(6, note, codeScroll);
        VBox.setVgrow(codeScroll, Priority.ALWAYS);
        split = new SplitPane(files, codeBox);
        // the YAML gets most of the width; the list keeps enough for a file name and its object
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(files, false);

        tabs.setId("clusterTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.DENSE);
        tabs.setTabMinWidth(120);
        tabs.setTabMaxWidth(360);
        vm.clusters().addListener((ListChangeListener<ClusterPreview>) c -> rebuildTabs());
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, o, tab) -> {
            if (tab != null && !updatingTabs) {
                tab.setContent(split);
                vm.selectedClusterProperty().set((ClusterPreview) tab.getUserData());
            }
        });
        vm.selectedClusterProperty().addListener((obs, o, cluster) -> showCluster(cluster));
        rebuildTabs();

        VBox.setVgrow(tabs, Priority.ALWAYS);
        // the file list and the YAML keep several lines: the boxes below give way first
        tabs.getStyleClass().add("preview-tabs");
        Node findings = findingsBox();
        Node diff = diffSlot();
        HBox below = new HBox(12, findings, diff);
        HBox.setHgrow(findings, Priority.ALWAYS);
        HBox.setHgrow(diff, Priority.ALWAYS);
        VBox content = new VBox(10, tabs, below);
        setContent(content);
    }

    public void focusFirst() {
        if (files.getScene() != null && tabs.getSelectionModel().getSelectedItem() != null) {
            files.requestFocus();
        } else {
            // the list is in the page once the first rendering arrives
            focusWhenShown = true;
        }
    }

    private void buildFileList() {
        files.setId("manifestFiles");
        files.setCellFactory(list -> new FileCell(vm));
        files.setMinWidth(200);
        files.setPrefWidth(280);
        files.setMaxWidth(420);
        files.getSelectionModel().selectedItemProperty().addListener((obs, o, file) -> {
            if (file != null && file != vm.selectedFileProperty().get()) {
                vm.selectedFileProperty().set(file);
            }
        });
        vm.selectedFileProperty().addListener((obs, o, file) -> {
            if (file != null && files.getSelectionModel().getSelectedItem() != file) {
                files.getSelectionModel().select(file);
            }
        });
        vm.diffs().addListener((MapChangeListener<String, ObjectDiff>) c -> files.refresh());
    }

    private void buildCodeArea() {
        code.setId("manifestYaml");
        code.setEditable(false);
        code.getStyleClass().add("yaml-area");
        code.setParagraphGraphicFactory(LineNumberFactory.get(code));
        // the YAML area keeps Tab to itself: pass the focus on as the controls around it do
        code.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != javafx.scene.input.KeyCode.TAB || e.isControlDown() || e.isAltDown()) {
                return;
            }
            e.consume();
            files.requestFocus();
            if (!e.isShiftDown()) {
                // on from the file list, over the YAML area
                code.setFocusTraversable(false);
                files.fireEvent(new javafx.scene.input.KeyEvent(files, files, e.getEventType(), e.getCharacter(), e.getText(), e.getCode(),
                        false, false, false, false));
                code.setFocusTraversable(true);
            }
        });
        showYaml(vm.selectedYamlProperty().get());
        vm.selectedYamlProperty().addListener((obs, o, yaml) -> showYaml(yaml));
    }

    private void showYaml(String yaml) {
        code.replaceText(yaml);
        code.setStyleSpans(0, YamlHighlighter.highlight(yaml));
        code.moveTo(0);
        code.requestFollowCaret();
    }

    private void rebuildTabs() {
        updatingTabs = true;
        try {
            // the one split pane may sit in one tab only: a replaced tab that still held it took it out of the new one
            tabs.getTabs().forEach(t -> t.setContent(null));
            tabs.getTabs().setAll(vm.clusters().stream().map(c -> {
                Tab tab = new Tab(c.cluster());
                tab.setId("tab-" + c.cluster());
                tab.setGraphic(Icons.of(MaterialDesignK.KUBERNETES));
                tab.setUserData(c);
                tab.setTooltip(new Tooltip("Context " + c.context() + ": " + c.files().size() + " objects"));
                return tab;
            }).toList());
        } finally {
            updatingTabs = false;
        }
        showCluster(vm.selectedClusterProperty().get());
    }

    private void showCluster(ClusterPreview cluster) {
        files.getItems().setAll(cluster == null ? java.util.List.of() : cluster.files());
        if (cluster == null) {
            return;
        }
        // by name: after a new rendering the selected cluster may still be the previous rendering's value
        Tab shown = tabs.getTabs().stream().filter(t -> ((ClusterPreview) t.getUserData()).cluster().equals(cluster.cluster())).findFirst()
                .orElse(tabs.getSelectionModel().getSelectedItem());
        for (Tab tab : tabs.getTabs()) {
            if (tab != shown && tab.getContent() == split) {
                tab.setContent(null);
            }
        }
        if (shown != null) {
            shown.setContent(split);
            updatingTabs = true;
            tabs.getSelectionModel().select(shown);
            updatingTabs = false;
        }
        if (focusWhenShown && shown != null) {
            focusWhenShown = false;
            javafx.application.Platform.runLater(files::requestFocus);
        }
        PreviewFile selected = vm.selectedFileProperty().get();
        if (selected != null) {
            files.getSelectionModel().select(selected);
            files.scrollTo(selected);
        }
    }

    private Node findingsBox() {
        Label title = new Label("Findings");
        title.getStyleClass().addAll(Styles.TEXT_BOLD);
        VBox list = new VBox(4);
        list.setId("previewFindings");
        Runnable show = () -> {
            if (vm.findings().isEmpty()) {
                Label none = new Label("None: the plan is valid.", Icons.of(MaterialDesignC.CHECK_CIRCLE));
                none.setWrapText(true);
                none.getStyleClass().add(Styles.SUCCESS);
                list.getChildren().setAll(none);
            } else {
                list.getChildren().setAll(vm.findings().stream().map(PreviewStepView::findingLabel).toList());
            }
        };
        vm.findings().addListener((ListChangeListener<Finding>) c -> show.run());
        show.run();
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMaxHeight(90);
        scroll.setPrefViewportHeight(24);
        list.heightProperty().addListener((obs, o, h) -> scroll.setPrefViewportHeight(Math.min(90, h.doubleValue())));
        VBox box = new VBox(4, title, scroll);
        box.getStyleClass().add("insight-box");
        box.setPadding(new Insets(8, 12, 8, 12));
        box.setMinWidth(0);
        box.setPrefWidth(500);
        return box;
    }

    /** The slot the live diff engine fills: per object create / update / unchanged, shown in the file list. */
    private Node diffSlot() {
        Label title = new Label("Live diff", Icons.of(MaterialDesignS.SOURCE_BRANCH));
        title.getStyleClass().addAll(Styles.TEXT_BOLD);
        Label status = new Label();
        status.setId("liveDiffStatus");
        status.setWrapText(true);
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(vm.diffStatusProperty());
        status.setMinHeight(Label.USE_PREF_SIZE);
        Button compare = new Button("_Compare with clusters", Icons.of(MaterialDesignE.EYE_OUTLINE));
        compare.setId("compareWithClusters");
        compare.setMnemonicParsing(true);
        compare.setDisable(!vm.diffAvailable());
        if (vm.diffAvailable()) {
            compare.disableProperty().bind(vm.diffRunningProperty().or(vm.stateProperty().isNotEqualTo(PreviewStepViewModel.State.READY)));
        }
        compare.setOnAction(e -> vm.compareWithClusters());
        compare.setMinWidth(Button.USE_PREF_SIZE);
        // the button beside the title, the status across the whole box below: two short lines, not a narrow column
        // that grows as tall as the file list (projector-size text in a 1024 px window)
        HBox head = new HBox(12, title, new Spacer(), compare);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, head, status);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("liveDiffSlot");
        box.getStyleClass().add("insight-box");
        box.setPadding(new Insets(8, 12, 8, 12));
        box.setMinWidth(0);
        box.setPrefWidth(500);
        return box;
    }

    private static Label findingLabel(Finding f) {
        Label label = new Label(f.code() + " " + (f.path().isEmpty() ? "" : f.path() + ": ") + f.message(),
                Icons.of(f.isError() ? MaterialDesignA.ALERT_CIRCLE : MaterialDesignA.ALERT));
        label.getStyleClass().add(f.isError() ? Styles.DANGER : Styles.WARNING);
        label.setWrapText(true);
        return label;
    }

    /** A file: its export name, its object, and what the live diff says about it. */
    private static final class FileCell extends ListCell<PreviewFile> {
        private final PreviewStepViewModel vm;

        FileCell(PreviewStepViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(PreviewFile file, boolean empty) {
            super.updateItem(file, empty);
            if (empty || file == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(file.title());
            name.setMinWidth(0);
            name.getStyleClass().add("file-name");
            if (!file.exported()) {
                name.getStyleClass().add(Styles.TEXT_ITALIC);
            }
            Label object = new Label(file.displayName());
            object.setMinWidth(0);
            object.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            VBox text = new VBox(1, name, object);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            HBox row = new HBox(6, text);
            row.setAlignment(Pos.CENTER_LEFT);
            if (file.exportOnly()) {
                Label exportOnly = new Label("export only");
                exportOnly.getStyleClass().addAll("tag", "export-only-badge");
                exportOnly.setMinWidth(Label.USE_PREF_SIZE);
                exportOnly.setTooltip(new Tooltip("Written by Export for istioctl install -f; crossmesh never applies it"));
                row.getChildren().add(exportOnly);
            }
            ObjectDiff diff = vm.diffs().get(file.key());
            if (diff != null) {
                Label badge = new Label(diff.change().label());
                badge.setId("diff-" + file.cluster() + "-" + file.manifest().order()); // diffs are of objects only
                badge.getStyleClass().addAll("tag", "diff-badge", "diff-" + badge.getText());
                badge.setMinWidth(Label.USE_PREF_SIZE);
                if (!diff.detail().isEmpty()) {
                    badge.setTooltip(new Tooltip(diff.detail()));
                }
                row.getChildren().add(badge);
            }
            setGraphic(row);
            setText(null);
            // cells as wide as the list: long names end in an ellipsis instead of a horizontal scroll bar
            setPrefWidth(0);
        }
    }
}
