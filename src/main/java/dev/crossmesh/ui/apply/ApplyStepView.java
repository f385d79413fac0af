package dev.crossmesh.ui.apply;

import java.util.List;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.crossmesh.kube.ControlPlaneMode;
import dev.crossmesh.ui.apply.ApplyService.ClusterOutcome;
import dev.crossmesh.ui.apply.ApplyService.Update.Status;
import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.PendingFeature;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;

/**
 * Step 5's screen: Dry run, Apply (or Run again) and Cancel over a progress bar; what the run is doing or found;
 * the failures with what to do; the log per cluster and step; the gateway addresses and the account per cluster.
 */
public final class ApplyStepView extends StepPage {
    private static final String ALL_CLUSTERS = "";

    private final ApplyStepViewModel vm;
    private final TableView<ApplyLogEntry> logTable = new TableView<>();
    private int scrollTarget = -1;
    private boolean scrollPending;

    public ApplyStepView(ApplyStepViewModel vm, Runnable goToPreview) {
        this(vm, goToPreview, new javafx.beans.property.SimpleBooleanProperty(false), () -> { });
    }

    /**
     * @param planUnsaved whether the plan has changes not in a file: after an apply the step offers to save it, as
     *                    {@code crossmesh live --plan} and a later re-apply need the plan in a file
     * @param savePlan    saves it (Save, or Save as for a new plan)
     */
    public ApplyStepView(ApplyStepViewModel vm, Runnable goToPreview, javafx.beans.value.ObservableBooleanValue planUnsaved, Runnable savePlan) {
        super(WizardStep.APPLY.title(), WizardStep.APPLY.purpose());
        this.vm = vm;
        getStyleClass().add("apply-step");
        if (!vm.available()) {
            Button preview = new Button("Go to the Preview to export", Icons.of(MaterialDesignE.EXPORT));
            preview.setId("applyGoToPreview");
            preview.setOnAction(e -> goToPreview.run());
            PendingFeature pending = new PendingFeature(MaterialDesignR.ROCKET_LAUNCH_OUTLINE, "This build has no apply engine",
                    List.of("Export the manifests in the Preview step and run the apply.sh it writes."), "", preview);
            pending.setId("applyPending");
            StackPane center = new StackPane(pending);
            StackPane.setAlignment(pending, Pos.TOP_CENTER);
            setContent(center);
            return;
        }
        addToHead(toolbar(saveOffer(planUnsaved, savePlan)));
        addToHead(headline());
        addToHead(problemsBox());

        Node log = logPane();
        Node side = sidePane();
        HBox.setHgrow(log, Priority.ALWAYS);
        HBox content = new HBox(12, log, side);
        setContent(content);
    }

    public void focusFirst() {
        Button main = (Button) lookup(vm.mainActionProperty().get() == ApplyStepViewModel.MainAction.APPLY ? "#applyRun" : "#dryRun");
        if (main != null && !main.isDisabled()) {
            main.requestFocus();
        }
    }

    private Node toolbar(Node saveOffer) {
        Button dryRun = new Button("_Dry run", Icons.of(MaterialDesignT.TEST_TUBE));
        dryRun.setId("dryRun");
        dryRun.setMnemonicParsing(true);
        dryRun.setTooltip(new Tooltip("Send every object with dryRun=All: the API servers check it, nothing changes"));
        dryRun.disableProperty().bind(vm.canDryRunProperty().not());
        dryRun.setOnAction(e -> vm.dryRun());

        Button apply = new Button("", Icons.of(MaterialDesignR.ROCKET_LAUNCH_OUTLINE));
        apply.setId("applyRun");
        apply.setMnemonicParsing(true);
        apply.textProperty().bind(Bindings.concat("_", vm.applyLabelProperty()));
        apply.setTooltip(new Tooltip("Apply the previewed manifests to the clusters (after a dry run passed)"));
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.apply());

        // the main action is the dry run until one passed for what the preview shows, then Apply, then (in the footer) Next
        Runnable accent = () -> {
            ApplyStepViewModel.MainAction main = vm.mainActionProperty().get();
            dryRun.getStyleClass().remove(Styles.ACCENT);
            apply.getStyleClass().remove(Styles.ACCENT);
            if (main == ApplyStepViewModel.MainAction.DRY_RUN) {
                dryRun.getStyleClass().add(Styles.ACCENT);
            } else if (main == ApplyStepViewModel.MainAction.APPLY) {
                apply.getStyleClass().add(Styles.ACCENT);
            }
        };
        vm.mainActionProperty().addListener((obs, o, n) -> accent.run());
        accent.run();

        Button cancel = new Button("Cancel", Icons.of(MaterialDesignC.CANCEL));
        cancel.setId("cancelApply");
        cancel.setTooltip(new Tooltip("Stop after the step in progress; the log says what was applied and what was not"));
        cancel.disableProperty().bind(vm.runningProperty().not().or(vm.cancellingProperty()));
        cancel.setOnAction(e -> vm.cancel());

        CheckBox takeOver = new CheckBox("_Take over existing objects");
        takeOver.setId("takeOver");
        takeOver.setMnemonicParsing(true);
        takeOver.setMinWidth(CheckBox.USE_PREF_SIZE);
        takeOver.setTooltip(new Tooltip("Objects that already exist without crossmesh's labels are left alone unless this is ticked.\n"
                + "Ticked, they are changed to match the plan and labelled as crossmesh's; uninstall then leaves them in place.\n"
                + "The same as crossmesh apply --force. Changing it asks for a new dry run."));
        takeOver.selectedProperty().bindBidirectional(vm.takeOverProperty());
        takeOver.disableProperty().bind(vm.runningProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("applyProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinWidth(80);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label count = new Label();
        count.setId("applyProgressText");
        count.textProperty().bind(vm.progressTextProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.setMinWidth(Label.USE_PREF_SIZE);

        for (Button b : List.of(dryRun, apply, cancel)) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        ComboBox<ControlPlaneMode> controlPlane = new ComboBox<>(FXCollections.observableArrayList(ControlPlaneMode.values()));
        controlPlane.setId("controlPlane");
        controlPlane.setConverter(new StringConverter<>() {
            @Override
            public String toString(ControlPlaneMode mode) {
                return mode == null ? "" : ApplyStepViewModel.choiceLabel(mode);
            }

            @Override
            public ControlPlaneMode fromString(String text) {
                return null;
            }
        });
        controlPlane.setTooltip(new Tooltip("How the control plane is installed (crossmesh apply --control-plane). Helm charts: Istio's base,"
                + " istiod and gateway charts with the values files the Preview shows; without helm on the PATH a manual step"
                + " points at the export's apply-helm.sh."));
        controlPlane.valueProperty().bindBidirectional(vm.controlPlaneProperty());
        controlPlane.disableProperty().bind(vm.runningProperty());
        controlPlane.setMinWidth(ComboBox.USE_PREF_SIZE);

        // wraps onto a second line rather than make the page wider than the window (projector-size text)
        javafx.scene.layout.FlowPane toolbar = new javafx.scene.layout.FlowPane(8, 6, dryRun, apply, cancel, takeOver, controlPlane, bar, count, saveOffer);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        bar.setPrefWidth(160);
        return toolbar;
    }

    private Node headline() {
        Label headline = new Label();
        headline.setId("applyHeadline");
        headline.setWrapText(true);
        headline.setMinHeight(Label.USE_PREF_SIZE);
        headline.textProperty().bind(vm.headlineProperty());
        headline.managedProperty().bind(headline.textProperty().isNotEmpty());
        headline.visibleProperty().bind(headline.managedProperty());
        Runnable style = () -> {
            ApplyStepViewModel.State s = vm.stateProperty().get();
            headline.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING, "step-message");
            headline.getStyleClass().add(switch (s) {
                case DRY_RUN_PASSED, SUCCEEDED -> Styles.SUCCESS;
                case DRY_RUN_FAILED, FAILED -> Styles.DANGER;
                case CANCELLED -> Styles.WARNING;
                default -> "step-message";
            });
            headline.setGraphic(switch (s) {
                case DRY_RUN_PASSED, SUCCEEDED -> Icons.of(MaterialDesignC.CHECK_CIRCLE);
                case DRY_RUN_FAILED, FAILED -> Icons.of(MaterialDesignA.ALERT_CIRCLE);
                case CANCELLED -> Icons.of(MaterialDesignA.ALERT);
                default -> null;
            });
        };
        vm.stateProperty().addListener((obs, o, n) -> style.run());
        style.run();
        return headline;
    }

    /** After an apply, while the plan is not saved: the live view and a re-apply from the command line need it in a file. */
    private Node saveOffer(javafx.beans.value.ObservableBooleanValue planUnsaved, Runnable savePlan) {
        // one button in the toolbar's free room, not a banner: at 1024x700 with 20 px text a banner left the log one row
        Button save = new Button("Save the applied _plan…", Icons.of(MaterialDesignC.CONTENT_SAVE_ALERT_OUTLINE));
        save.setId("saveAppliedPlan");
        save.getStyleClass().add(Styles.WARNING);
        save.setTooltip(new javafx.scene.control.Tooltip("The applied plan is not saved: crossmesh live --plan and a later re-apply need it in a file."));
        save.setMnemonicParsing(true);
        save.setMinWidth(Button.USE_PREF_SIZE);
        save.setOnAction(e -> savePlan.run());
        HBox box = new HBox(save);
        box.setId("saveOffer");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(Bindings.createBooleanBinding(() -> vm.stateProperty().get() == ApplyStepViewModel.State.SUCCEEDED
                && planUnsaved.get(), vm.stateProperty(), planUnsaved));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node problemsBox() {
        VBox list = new VBox(4);
        list.setId("applyProblems");
        Runnable show = () -> list.getChildren().setAll(vm.problems().stream().map(p -> {
            Label label = new Label(p, Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
            label.getStyleClass().addAll(Styles.DANGER, "apply-problem");
            label.setWrapText(true);
            label.setMinHeight(Label.USE_PREF_SIZE);
            return label;
        }).toList());
        vm.problems().addListener((ListChangeListener<String>) c -> show.run());
        show.run();
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setMaxHeight(110);
        scroll.managedProperty().bind(Bindings.isNotEmpty(vm.problems()));
        scroll.visibleProperty().bind(scroll.managedProperty());
        list.heightProperty().addListener((obs, o, h) -> scroll.setPrefViewportHeight(Math.min(110, h.doubleValue())));
        return scroll;
    }

    private Node logPane() {
        Label title = new Label("Log", Icons.of(MaterialDesignT.TEXT_BOX_OUTLINE));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ComboBox<String> filter = new ComboBox<>();
        filter.setId("logFilter");
        filter.setTooltip(new Tooltip("Show the log of one cluster"));
        filter.getItems().add(ALL_CLUSTERS);
        filter.getItems().addAll(vm.clusterNames());
        vm.clusterNames().addListener((ListChangeListener<String>) c -> {
            String keep = vm.logFilterProperty().get();
            filter.getItems().setAll(ALL_CLUSTERS);
            filter.getItems().addAll(vm.clusterNames());
            filter.setValue(keep);
        });
        filter.setCellFactory(l -> new FilterCell());
        filter.setButtonCell(new FilterCell());
        filter.valueProperty().bindBidirectional(vm.logFilterProperty());
        Label show = new Label("_Show:");
        show.setMnemonicParsing(true);
        show.setLabelFor(filter);
        HBox head = new HBox(8, title, new Spacer(), show, filter);
        head.setAlignment(Pos.CENTER_LEFT);

        logTable.setId("applyLog");
        logTable.setItems(vm.log());
        logTable.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "apply-log");
        logTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label nothingYet = new Label("Nothing yet: start with a dry run. Nothing changes in the clusters until you press Apply.");
        nothingYet.setWrapText(true);
        nothingYet.setPadding(new Insets(0, 16, 0, 16));
        logTable.setPlaceholder(nothingYet);
        TableColumn<ApplyLogEntry, ApplyLogEntry> status = new TableColumn<>("");
        status.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new StatusCell());
        status.setMinWidth(34);
        status.setMaxWidth(34);
        status.setSortable(false);
        TableColumn<ApplyLogEntry, String> cluster = column("Cluster", ApplyLogEntry::cluster, 130);
        cluster.setMinWidth(132);
        TableColumn<ApplyLogEntry, String> step = column("Step", e -> e.step().isEmpty() ? "(cluster)" : e.step(), 250);
        step.setMinWidth(140);
        TableColumn<ApplyLogEntry, String> message = column("What happened", ApplyLogEntry::message, 300);
        message.setCellFactory(c -> new MessageCell());
        logTable.getColumns().setAll(List.of(status, cluster, step, message));
        // the cluster's name stays whole; the step and what happened give way (their tooltips have them whole)
        dev.crossmesh.ui.core.ColumnFit.install(logTable, cluster, ApplyLogEntry::cluster, 1.6);
        // newest visible: scroll to the line that changed last, once per batch of changes (scrollTo lays the table out
        // at once, and a batch of a 10-cluster apply changes dozens of lines)
        vm.log().addListener((ListChangeListener<ApplyLogEntry>) c -> {
            while (c.next()) {
                scrollTarget = Math.max(scrollTarget, c.getTo() - 1);
            }
            if (scrollTarget >= 0 && !scrollPending) {
                scrollPending = true;
                Platform.runLater(() -> {
                    scrollPending = false;
                    int target = Math.min(scrollTarget, vm.log().size() - 1);
                    scrollTarget = -1;
                    if (target >= 0) {
                        logTable.scrollTo(Math.max(0, target - 3));
                    }
                });
            }
        });
        VBox.setVgrow(logTable, Priority.ALWAYS);
        VBox pane = new VBox(6, head, logTable);
        pane.setMinWidth(0);
        return pane;
    }

    private Node sidePane() {
        Label gwTitle = new Label("Gateway addresses", Icons.of(MaterialDesignL.LAN_CONNECT));
        gwTitle.getStyleClass().add(Styles.TEXT_BOLD);
        GridPane gateways = new GridPane();
        gateways.setId("gatewayAddresses");
        gateways.setHgap(10);
        gateways.setVgap(4);
        ColumnConstraints nameCol = new ColumnConstraints();
        nameCol.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints valueCol = new ColumnConstraints();
        valueCol.setHgrow(Priority.ALWAYS);
        valueCol.setMinWidth(0);
        gateways.getColumnConstraints().setAll(nameCol, valueCol);
        Runnable fillGateways = () -> {
            gateways.getChildren().clear();
            int row = 0;
            for (GatewayRow g : vm.gateways()) {
                Label name = new Label(g.cluster());
                Label value = new Label(g.text());
                value.setId("gateway-" + g.cluster());
                // an address stays on one line; a reason why there is none wraps
                value.setWrapText(!g.hasAddress());
                // an address too long for the panel ends in "…" and is whole in the tooltip
                value.setMinWidth(0);
                if (g.hasAddress()) {
                    value.setTooltip(new Tooltip(g.text()));
                }
                value.setMinHeight(Label.USE_PREF_SIZE);
                value.getStyleClass().add(g.hasAddress() ? "gateway-address" : Styles.TEXT_MUTED);
                value.setGraphic(Icons.of(g.hasAddress() ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignT.TIMER_SAND));
                if (!g.hasAddress()) {
                    value.getStyleClass().add(Styles.TEXT_SMALL);
                    value.setTooltip(new Tooltip(g.note()));
                }
                gateways.addRow(row++, name, value);
            }
        };
        vm.gateways().addListener((ListChangeListener<GatewayRow>) c -> fillGateways.run());
        fillGateways.run();
        VBox gatewayBox = box(gwTitle, gateways);

        Label sumTitle = new Label("Summary", Icons.of(MaterialDesignC.CLIPBOARD_CHECK_OUTLINE));
        sumTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox summary = new VBox(6);
        summary.setId("applySummary");
        Label none = new Label("After a run: per cluster what was applied, unchanged, failed and not attempted.");
        none.setWrapText(true);
        none.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Runnable fillSummary = () -> {
            if (vm.summary().isEmpty()) {
                summary.getChildren().setAll(none);
                return;
            }
            summary.getChildren().setAll(vm.summary().stream().map(c -> {
                Label name = new Label(c.cluster(), Icons.of(c.succeeded() ? MaterialDesignC.CHECK_CIRCLE : MaterialDesignA.ALERT_CIRCLE));
                name.getStyleClass().addAll(c.succeeded() ? Styles.SUCCESS : Styles.DANGER, Styles.TEXT_BOLD);
                boolean dry = vm.summaryOfDryRunProperty().get();
                Label counts = new Label(c.applied() + (dry ? " would apply · " : " applied · ") + c.unchanged() + " unchanged · " + c.failed()
                        + (dry ? " would fail" : " failed") + (dry ? "" : " · " + c.notAttempted() + " not attempted")
                        + (c.skipped() > 0 ? " · " + c.skipped() + " skipped" : ""));
                counts.setId("summary-" + c.cluster());
                counts.setWrapText(true);
                counts.setMinHeight(Label.USE_PREF_SIZE);
                counts.getStyleClass().add(Styles.TEXT_SMALL);
                counts.setPadding(new Insets(0, 0, 0, 22));
                return (Node) new VBox(1, name, counts);
            }).toList());
        };
        vm.summary().addListener((ListChangeListener<ClusterOutcome>) c -> fillSummary.run());
        vm.summaryOfDryRunProperty().addListener((obs, o, n) -> fillSummary.run());
        fillSummary.run();
        VBox summaryBox = box(sumTitle, summary);

        VBox side = new VBox(12, gatewayBox, summaryBox);
        // scrolls rather than making the page taller than a 700 px window when many clusters are listed
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMinHeight(0);
        // as wide as its text wants (it grows with the text size), within bounds
        scroll.setMinWidth(260);
        scroll.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        side.needsLayoutProperty().addListener((obs, was, needs) -> {
            if (!needs) {
                double em = gwTitle.getFont().getSize();
                double wanted = Math.max(260, Math.min(side.prefWidth(-1) + 16, 22 * em));
                if (Math.abs(scroll.getPrefWidth() - wanted) > 0.5) {
                    // the log beside it gives way first: an address is never squeezed to "127…."
                    scroll.setPrefWidth(wanted);
                    scroll.setMinWidth(wanted);
                }
            }
        });
        return scroll;
    }

    private static Label number(int n) {
        Label label = new Label(Integer.toString(n));
        label.setMaxWidth(Double.MAX_VALUE);
        label.setAlignment(Pos.CENTER_RIGHT);
        return label;
    }

    private static VBox box(Node title, Node content) {
        VBox box = new VBox(6, title, content);
        box.getStyleClass().add("insight-box");
        box.setPadding(new Insets(8, 12, 10, 12));
        return box;
    }

    private static TableColumn<ApplyLogEntry, String> column(String title, java.util.function.Function<ApplyLogEntry, String> value, double width) {
        TableColumn<ApplyLogEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    static Ikon icon(Status status) {
        return switch (status) {
            case STARTED -> MaterialDesignP.PROGRESS_CLOCK;
            case DONE -> MaterialDesignC.CHECK_CIRCLE;
            case UNCHANGED -> MaterialDesignC.CHECK_CIRCLE_OUTLINE;
            case WAITING -> MaterialDesignT.TIMER_SAND;
            case FAILED -> MaterialDesignA.ALERT_CIRCLE;
            case SKIPPED -> MaterialDesignS.SKIP_NEXT_CIRCLE_OUTLINE;
            case INFO -> MaterialDesignI.INFORMATION_OUTLINE;
        };
    }

    /**
     * The status as an icon in its colour, with the word as tooltip (and for screen readers). Cells are reused as
     * the log scrolls: each keeps one icon and one tooltip (a Tooltip is a window; making one per update stalls the UI).
     */
    private static final class StatusCell extends TableCell<ApplyLogEntry, ApplyLogEntry> {
        private final FontIcon icon = Icons.of(MaterialDesignI.INFORMATION_OUTLINE);
        private final Tooltip tip = new Tooltip();
        private String shownClass;

        @Override
        protected void updateItem(ApplyLogEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            setText(null);
            if (empty || entry == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            icon.setIconCode(icon(entry.status()));
            String styleClass = "status-" + entry.statusLabel();
            if (!styleClass.equals(shownClass)) {
                icon.getStyleClass().remove(shownClass);
                icon.getStyleClass().add(styleClass);
                shownClass = styleClass;
            }
            setAccessibleText(entry.statusLabel());
            tip.setText(entry.statusLabel());
            setGraphic(icon);
            setTooltip(tip);
        }
    }

    /** Messages in full on hover; failures in the danger colour. */
    private static final class MessageCell extends TableCell<ApplyLogEntry, String> {
        private final Tooltip tip = new Tooltip();

        MessageCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(560);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            getStyleClass().remove("log-failed");
            if (empty || text == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(text);
            tip.setText(text);
            setTooltip(tip);
            ApplyLogEntry entry = getTableRow() == null ? null : getTableRow().getItem();
            if (entry != null && entry.status() == Status.FAILED) {
                getStyleClass().add("log-failed");
            }
        }
    }

    private static final class FilterCell extends ListCell<String> {
        @Override
        protected void updateItem(String cluster, boolean empty) {
            super.updateItem(cluster, empty);
            setText(empty || cluster == null ? null : cluster.isEmpty() ? "All clusters" : cluster);
        }
    }
}
