package dev.crossmesh.ui.clusters;

import java.nio.file.Path;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;

/** Step 1's screen: binds the contexts table and the kubeconfig / demo commands to {@link ClustersStepViewModel}. */
public final class ClustersStepView extends StepPage {
    private final TableView<ContextRow> table = new TableView<>();
    private javafx.collections.transformation.FilteredList<ContextRow> shown;

    public ClustersStepView(ClustersStepViewModel vm) {
        super(WizardStep.CLUSTERS.title(), WizardStep.CLUSTERS.purpose());
        getStyleClass().add("clusters-step");

        Button open = new Button("_Open kubeconfig…", Icons.of(MaterialDesignF.FOLDER_OPEN));
        open.setId("openKubeconfig");
        open.setMnemonicParsing(true);
        open.setOnAction(e -> vm.openKubeconfig());
        open.setTooltip(new Tooltip("Read the contexts of another kubeconfig file as well"));

        Button demo = new Button();
        demo.setId("demoClusters");
        demo.setMnemonicParsing(true);
        demo.textProperty().bind(Bindings.when(vm.demoRunningProperty()).then("Stop _demo clusters").otherwise("Start _demo clusters…"));
        demo.graphicProperty().bind(Bindings.when(vm.demoRunningProperty())
                .then(new ReadOnlyObjectWrapper<javafx.scene.Node>(Icons.of(MaterialDesignS.STOP_CIRCLE_OUTLINE)))
                .otherwise(new ReadOnlyObjectWrapper<javafx.scene.Node>(Icons.of(MaterialDesignP.PLAY_CIRCLE_OUTLINE))));
        demo.disableProperty().bind(vm.demoBusyProperty());
        demo.setOnAction(e -> {
            if (vm.demoRunningProperty().get()) {
                vm.stopDemo();
            } else {
                vm.startDemo();
            }
        });
        demo.setTooltip(new Tooltip("Small Kubernetes API servers inside crossmesh, to try the wizard without a cluster"));

        Button check = new Button("_Check again", Icons.of(MaterialDesignR.REFRESH));
        check.setId("checkAgain");
        check.setMnemonicParsing(true);
        check.disableProperty().bind(vm.pickedCountProperty().isEqualTo(0));
        check.setOnAction(e -> vm.checkAgain());
        check.setTooltip(new Tooltip("Ask every picked cluster again whether it answers (F5)"));

        ProgressIndicator busy = new ProgressIndicator();
        busy.getStyleClass().add("small-progress");
        busy.visibleProperty().bind(vm.loadingProperty().or(vm.demoBusyProperty()));

        Label sources = new Label();
        sources.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        // read again with the rows: a kubeconfig that appears (or goes) is re-read, and the line follows it
        sources.textProperty().bind(Bindings.createStringBinding(() -> sourcesText(vm.sources()), vm.sources(), vm.rows()));
        sources.setMinWidth(0);
        Tooltip sourcesTip = new Tooltip();
        sourcesTip.textProperty().bind(sources.textProperty());
        sources.setTooltip(sourcesTip);

        // buttons keep their whole label at every text size; the sources line gives way instead
        for (Button b : java.util.List.of(open, demo, check)) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        HBox toolbar = new HBox(8, open, demo, check, busy, new Spacer(), sources);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        addToHead(toolbar);

        buildTable(vm);

        Label summary = new Label();
        summary.setId("clustersSummary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);

        Label message = new Label();
        message.setId("clustersMessage");
        message.getStyleClass().add("step-message");
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        Label loadProblem = new Label();
        loadProblem.getStyleClass().add(Styles.DANGER);
        loadProblem.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE));
        loadProblem.setWrapText(true);
        loadProblem.textProperty().bind(vm.loadProblemProperty());
        loadProblem.managedProperty().bind(vm.loadProblemProperty().isNotEmpty());
        loadProblem.visibleProperty().bind(loadProblem.managedProperty());

        VBox problems = new VBox(4);
        problems.setId("clusterProblems");
        Runnable showProblems = () -> problems.getChildren().setAll(vm.rows().stream()
                .filter(ContextRow::isPicked)
                .filter(r -> r.reachability().state() == Reachability.State.UNREACHABLE
                        || r.reachability().state() == Reachability.State.NOT_IN_KUBECONFIG)
                .map(r -> {
                    Label l = new Label(r.name() + ": " + r.reachability().problem(), Icons.of(MaterialDesignA.ALERT_CIRCLE));
                    l.getStyleClass().add(Styles.DANGER);
                    l.setWrapText(true);
                    return l;
                }).toList());
        // rows live as long as their context and come back on every re-read: each is watched once
        java.util.Set<ContextRow> watched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Runnable watchRows = () -> vm.rows().stream().filter(watched::add).forEach(r -> {
            r.reachabilityProperty().addListener((obs, o, n) -> showProblems.run());
            r.pickedProperty().addListener((obs, o, n) -> showProblems.run());
        });
        vm.rows().addListener((ListChangeListener<ContextRow>) c -> {
            watchRows.run();
            showProblems.run();
        });
        watchRows.run();
        showProblems.run();

        VBox content = new VBox(10, filterBar(vm), table, loadProblem, summary, problems, message);
        VBox.setVgrow(table, Priority.ALWAYS);
        setContent(content);
    }

    /** Where keyboard focus goes when the step opens. */
    public void focusFirst() {
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
            table.getSelectionModel().select(0);
            table.getFocusModel().focus(0);
        }
    }

    /** For long lists: a filter on the context, server and user, and picking or unpicking every row it shows. */
    private javafx.scene.Node filterBar(ClustersStepViewModel vm) {
        javafx.scene.control.TextField filter = new javafx.scene.control.TextField();
        filter.setId("contextFilter");
        filter.setPromptText("part of a context, server or user");
        filter.setPrefColumnCount(22);
        Label label = new Label("Fi_lter:");
        label.setMnemonicParsing(true);
        label.setLabelFor(filter);
        filter.textProperty().addListener((obs, o, text) -> {
            String needle = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
            shown.setPredicate(needle.isEmpty() ? null : r -> (r.name() + " " + r.server() + " " + r.user()).toLowerCase(java.util.Locale.ROOT).contains(needle));
        });
        Button pickAll = new Button("Pick _all shown");
        pickAll.setId("pickAllShown");
        pickAll.setMnemonicParsing(true);
        pickAll.setOnAction(e -> java.util.List.copyOf(shown).stream().filter(r -> !r.isMissing() && !r.isPicked()).forEach(r -> vm.setPicked(r, true)));
        Button unpickAll = new Button("_Unpick all shown");
        unpickAll.setId("unpickAllShown");
        unpickAll.setMnemonicParsing(true);
        unpickAll.setOnAction(e -> java.util.List.copyOf(shown).stream().filter(ContextRow::isPicked).forEach(r -> vm.setPicked(r, false)));
        pickAll.disableProperty().bind(Bindings.isEmpty(shown));
        unpickAll.disableProperty().bind(Bindings.isEmpty(shown));
        Label count = new Label();
        count.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        count.textProperty().bind(Bindings.createStringBinding(() -> shown.size() == vm.rows().size() ? ""
                : shown.size() + " of " + vm.rows().size() + " contexts shown", shown, vm.rows()));
        HBox bar = new HBox(8, label, filter, pickAll, unpickAll, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void buildTable(ClustersStepViewModel vm) {
        table.setId("contextsTable");
        shown = new javafx.collections.transformation.FilteredList<>(vm.rows());
        javafx.collections.transformation.SortedList<ContextRow> sorted = new javafx.collections.transformation.SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getStyleClass().addAll(Styles.STRIPED, "contexts-table");
        // every column gives way in proportion (down to its header or, for the context, its name), so Reachability stays in view
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        TableColumn<ContextRow, ContextRow> use = new TableColumn<>("Use");
        use.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        use.setCellFactory(c -> new PickCell(vm));
        use.setMinWidth(64);
        use.setMaxWidth(80);
        use.setSortable(false);
        use.getStyleClass().add(Tweaks.ALIGN_CENTER);

        TableColumn<ContextRow, ContextRow> name = new TableColumn<>("Context");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setCellFactory(c -> new ContextCell());
        name.setPrefWidth(250);
        name.setComparator(java.util.Comparator.comparing(ContextRow::name));

        TableColumn<ContextRow, String> server = new TableColumn<>("Server");
        server.setCellValueFactory(c -> Bindings.createStringBinding(c.getValue()::server, c.getValue().contextProperty()));
        server.setPrefWidth(190);

        TableColumn<ContextRow, String> user = new TableColumn<>("User");
        user.setCellValueFactory(c -> Bindings.createStringBinding(c.getValue()::user, c.getValue().contextProperty()));
        user.setPrefWidth(165);

        TableColumn<ContextRow, String> namespace = new TableColumn<>("Namespace");
        namespace.setCellValueFactory(c -> Bindings.createStringBinding(c.getValue()::namespace, c.getValue().contextProperty()));
        namespace.setPrefWidth(100);

        TableColumn<ContextRow, Reachability> status = new TableColumn<>("Reachability");
        status.setCellValueFactory(c -> c.getValue().reachabilityProperty());
        status.setCellFactory(c -> new ReachabilityCell());
        status.setPrefWidth(190);
        status.setSortable(false);

        table.getColumns().setAll(java.util.List.of(use, name, server, user, namespace, status));
        // the context's name (with its tags) is never cut, nor a header: the server, user and reachability give way
        // (the tags are in a smaller font: their words in the name's font and an em of padding each come close)
        dev.crossmesh.ui.core.ColumnFit.install(table, name, r -> r.name() + (r.isCurrent() ? " current" : "") + (r.isDemo() ? " demo" : "")
                + (r.isMissing() ? " not in kubeconfig" : ""), 2.0);

        Label empty = new Label("No kubeconfig contexts here yet.\nOpen a kubeconfig, or start demo clusters to try crossmesh without a cluster.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        table.setPlaceholder(empty);

        // Space picks or unpicks the selected rows: the whole table works from the keyboard
        table.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !table.getSelectionModel().getSelectedItems().isEmpty()) {
                ContextRow first = table.getSelectionModel().getSelectedItem();
                boolean value = !first.isPicked();
                table.getSelectionModel().getSelectedItems().forEach(r -> vm.setPicked(r, value));
                e.consume();
            }
        });
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
    }

    /** Which files the contexts come from, naming those that do not exist as such (not as if they had no contexts). */
    static String sourcesText(java.util.List<Path> files) {
        java.util.List<String> found = files.stream().filter(java.nio.file.Files::isRegularFile).map(ClustersStepView::shortPath).toList();
        java.util.List<String> missing = files.stream().filter(f -> !java.nio.file.Files.isRegularFile(f)).map(ClustersStepView::shortPath).toList();
        String none = missing.isEmpty() ? "" : String.join(", ", missing) + (missing.size() == 1 ? " does not exist" : " do not exist");
        if (found.isEmpty()) {
            return missing.isEmpty() ? "No kubeconfig file" : "No kubeconfig: " + none;
        }
        return "Contexts from " + String.join(", ", found) + (none.isEmpty() ? "" : "; " + none);
    }

    static String shortPath(Path path) {
        String home = System.getProperty("user.home");
        String text = path.toAbsolutePath().toString();
        return home != null && text.startsWith(home + "/") ? "~" + text.substring(home.length()) : text;
    }

    /** The "Use" checkbox, following the row's picked property (a bound CheckBox could not be clicked). */
    private static final class PickCell extends TableCell<ContextRow, ContextRow> {
        private final CheckBox box = new CheckBox();
        private final javafx.beans.value.ChangeListener<Boolean> follow = (obs, o, n) -> box.setSelected(n);
        private ContextRow bound;

        PickCell(ClustersStepViewModel vm) {
            box.setFocusTraversable(false);
            box.setOnAction(e -> {
                if (bound != null) {
                    vm.setPicked(bound, box.isSelected());
                }
            });
            setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(ContextRow row, boolean empty) {
            super.updateItem(row, empty);
            if (bound != null) {
                bound.pickedProperty().removeListener(follow);
            }
            bound = empty ? null : row;
            if (bound == null) {
                setGraphic(null);
                return;
            }
            box.setSelected(row.isPicked());
            row.pickedProperty().addListener(follow);
            box.setId("pick-" + row.name());
            setGraphic(box);
        }
    }

    /** Context name with "current", "demo" and "not in kubeconfig" tags. */
    private static final class ContextCell extends TableCell<ContextRow, ContextRow> {
        @Override
        protected void updateItem(ContextRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(row.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setMinWidth(0);
            HBox box = new HBox(6, name);
            box.setAlignment(Pos.CENTER_LEFT);
            if (row.isCurrent()) {
                box.getChildren().add(tag("current", "tag-current"));
            }
            if (row.isDemo()) {
                box.getChildren().add(tag("demo", "tag-demo"));
            }
            if (row.isMissing()) {
                box.getChildren().add(tag("not in kubeconfig", "tag-missing"));
            }
            setGraphic(box);
            setText(null);
        }

        private static Label tag(String text, String style) {
            Label tag = new Label(text);
            tag.getStyleClass().addAll("tag", style);
            tag.setMinWidth(Label.USE_PREF_SIZE);
            return tag;
        }
    }

    /** The probe's answer: the version, or the problem in words (the full text in the tooltip and under the table). */
    private static final class ReachabilityCell extends TableCell<ContextRow, Reachability> {
        @Override
        protected void updateItem(Reachability r, boolean empty) {
            super.updateItem(r, empty);
            getStyleClass().removeAll("reach-ok", "reach-bad", "reach-checking");
            if (empty || r == null || r.state() == Reachability.State.NOT_CHECKED) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(r.summary());
            switch (r.state()) {
                case CHECKING -> {
                    setGraphic(Icons.of(MaterialDesignT.TIMER_SAND));
                    getStyleClass().add("reach-checking");
                }
                case REACHABLE -> {
                    setGraphic(Icons.of(MaterialDesignC.CHECK_CIRCLE));
                    getStyleClass().add("reach-ok");
                }
                default -> {
                    setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE));
                    getStyleClass().add("reach-bad");
                }
            }
            setTooltip(new Tooltip(r.summary()));
        }
    }
}
