package dev.crossmesh.ui.topology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.verify.KubeVerifyTarget;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusJson;
import dev.crossmesh.status.StatusMonitor;
import dev.crossmesh.verify.MeshVerifier;

/**
 * The live view: the topology with the details of what is selected beside it, the gateway status table and the
 * findings below, and the exports. This is the entry point the wizard's Live step and {@code crossmesh live} use:
 * <pre>
 * LivePane pane = LivePane.start(plan, clients, files);   // FX thread; watching starts in the background
 * ...
 * pane.stop().thenRun(clients::close);                   // when the step or window closes
 * </pre>
 * Build and use it on the FX thread. Snapshots arrive on the monitor's thread and reach the UI through the
 * view-model, at most one update per frame. Nothing here blocks the FX thread: the monitor starts and stops on a
 * worker thread of the pane, and exports are written there too.
 */
public final class LivePane extends BorderPane {
    public static final String STYLESHEET = Objects.requireNonNull(LivePane.class.getResource("/dev/crossmesh/ui/topology/topology.css"),
            "topology.css is missing from the resources").toExternalForm();
    /** Exported pictures are twice the size on screen: sharp on slides and in tickets. */
    public static final double PNG_SCALE = 2;

    private static final System.Logger LOG = System.getLogger(LivePane.class.getName());

    private final TopologyViewModel vm;
    private final TopologyView topology;
    private final DetailsPanel details;
    private final GatewayStatusTable table;
    private final FindingsPanel findings;
    private final ExportFiles files;
    private final Label message = new Label();
    private final javafx.animation.PauseTransition messageTimer = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(10));
    private final Label health = new Label();
    private final Label heartbeat = new Label();
    private final javafx.animation.Timeline heartbeatTimer = new javafx.animation.Timeline(
            new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> showHeartbeat()));
    private FittingToolbar toolbar;
    /** The drawing with the details beside it (a split) or, in narrow windows, lying over its right side. */
    private final StackPane upperStack = new StackPane();
    private final SplitPane upper = new SplitPane();
    /** Below the topology: the table and the findings side by side when the window is wide, else as two tabs. */
    private final StackPane lower = new StackPane();
    private final SplitPane sideBySide = new SplitPane();
    private final TabPane tabs = new TabPane();
    private final Tab gatewaysTab = new Tab("Gateways");
    private final Tab findingsTab = new Tab("Findings");
    private final Label tableTitle = titled("Gateways");
    private VBox tableBox;
    private SplitPane main;
    /** Once the user drags the divider between drawing and table, it stays where they put it. */
    private boolean mainDividerMoved;
    /** Once the user drags the divider between table and findings, it stays where they put it. */
    private boolean findingsDividerMoved;
    private Boolean wide;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "crossmesh-live");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    // guarded by lock
    private StatusMonitor.Subscription subscription;
    private StatusMonitor ownedMonitor;
    private boolean stopped;
    /** The monitor whose last check the heartbeat shows; null for a feed without one. */
    private volatile StatusMonitor checkedBy;
    private CompletableFuture<Void> stopping;
    /** The traffic check beside the topology (Verify); null until first asked for, and when the pane has no clients. */
    private final TrafficCheck traffic;

    private LivePane(MeshPlan plan, ExportFiles files, MeshVerifier.Targets verifyTargets) {
        this.files = Objects.requireNonNull(files, "files");
        this.vm = new TopologyViewModel(plan, new PulseExecutor());
        this.topology = new TopologyView(vm);
        this.details = new DetailsPanel(vm);
        this.table = new GatewayStatusTable(vm);
        this.findings = new FindingsPanel(vm);
        this.traffic = verifyTargets == null ? null : new TrafficCheck(vm, topology, upper, verifyTargets);
        getStyleClass().add("live-pane");
        setId("live-pane");
        getStylesheets().add(STYLESHEET);
        build();
    }

    // Entry points

    /**
     * Watches the plan's clusters: starts a {@link StatusMonitor} on a worker thread with default options. The pane owns
     * the monitor and closes it in {@link #stop()}; the caller keeps owning {@code clients} and closes them after that.
     */
    public static LivePane start(MeshPlan plan, ClusterClients clients, ExportFiles files) {
        return start(plan, clients, StatusMonitor.Options.defaults(), files);
    }

    public static LivePane start(MeshPlan plan, ClusterClients clients, StatusMonitor.Options options, ExportFiles files) {
        LivePane pane = new LivePane(plan, files, KubeVerifyTarget.opener(clients));
        pane.message("Connecting to " + plan.clusters().size() + " clusters…", false);
        CompletableFuture.supplyAsync(() -> StatusMonitor.start(plan, clients, options), pane.worker).whenComplete((monitor, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, "the status monitor did not start", failure);
                Platform.runLater(() -> pane.message("Could not start watching the clusters: " + rootMessage(failure)
                        + ". Check the kubeconfig and the plan's contexts, then open the live view again.", true));
                return;
            }
            pane.adopt(monitor, true);
        });
        return pane;
    }

    /** Shows what a running monitor publishes. The caller keeps owning the monitor: {@link #stop()} only unsubscribes. */
    public static LivePane attach(StatusMonitor monitor, ExportFiles files) {
        LivePane pane = new LivePane(monitor.plan(), files, null);
        pane.adopt(monitor, false);
        return pane;
    }

    /** Shows the snapshots of any feed (a replay, a test, a benchmark). */
    public static LivePane of(MeshPlan plan, StatusFeed feed, ExportFiles files) {
        LivePane pane = new LivePane(plan, files, null);
        synchronized (pane.lock) {
            pane.subscription = feed.subscribe(pane.vm::accept);
        }
        return pane;
    }

    private void adopt(StatusMonitor monitor, boolean owned) {
        synchronized (lock) {
            if (stopped) {
                if (owned) {
                    worker.execute(monitor::close);
                }
                return;
            }
            if (owned) {
                ownedMonitor = monitor;
            }
            checkedBy = monitor;
            subscription = monitor.subscribe(vm::accept);
        }
        Platform.runLater(() -> message("", false));
    }

    /**
     * Stops watching: unsubscribes and, when the pane started the monitor, closes it on the worker thread. Safe to call
     * more than once and from any thread; the future completes when the monitor is closed (then close the clients).
     */
    public CompletableFuture<Void> stop() {
        synchronized (lock) {
            if (stopping != null) {
                return stopping;
            }
            stopped = true;
            Platform.runLater(heartbeatTimer::stop);
            if (subscription != null) {
                subscription.close();
            }
            StatusMonitor monitor = ownedMonitor;
            stopping = CompletableFuture.runAsync(() -> {
                if (traffic != null) {
                    traffic.stop();
                }
                if (monitor != null) {
                    monitor.close();
                }
            }, worker).whenComplete((v, e) -> worker.shutdown());
            return stopping;
        }
    }

    // Properties

    public TopologyViewModel viewModel() {
        return vm;
    }

    public TopologyView topologyView() {
        return topology;
    }

    /** The traffic check's view-model once Verify was used, else null. */
    public dev.crossmesh.ui.verify.VerifyViewModel trafficCheck() {
        return traffic == null ? null : traffic.viewModel();
    }

    // Commands

    /** Asks where, then saves the topology picture (caption and legend included). */
    public void exportPng() {
        Optional<Path> file = files.chooseSaveFile("Export topology as PNG", vm.plan().meshId() + "-topology.png", "PNG image", "png");
        file.ifPresent(this::exportPng);
    }

    /** Asks where, then saves what {@code crossmesh status --json} would print now. */
    public void exportJson() {
        Optional<Path> file = files.chooseSaveFile("Export status as JSON", vm.plan().meshId() + "-status.json", "JSON", "json");
        file.ifPresent(this::exportJson);
    }

    /** Saves the topology picture to {@code file}; FX thread. The future completes once the file is written. */
    public CompletableFuture<Path> exportPng(Path file) {
        WritableImage image = topology.exportImage(PNG_SCALE);
        return write(file, () -> TopologyPng.write(image, file),
                "Saved the topology picture (" + (int) image.getWidth() + " x " + (int) image.getHeight() + " px) to " + file);
    }

    /** Saves the status JSON to {@code file}, byte for byte what {@code crossmesh status --json} prints; FX thread. */
    public CompletableFuture<Path> exportJson(Path file) {
        MeshStatus status = vm.statusProperty().get();
        if (status == null) {
            message("Nothing to export yet: no cluster has answered.", true);
            return CompletableFuture.failedFuture(new IllegalStateException("no status yet"));
        }
        String json = StatusJson.pretty(status) + System.lineSeparator();
        return write(file, () -> {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            Files.writeString(partial, json, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }, "Saved the status of " + TimeText.of(status.at()) + " as JSON to " + file);
    }

    private interface Write {
        void run() throws IOException;
    }

    private CompletableFuture<Path> write(Path file, Write write, String done) {
        CompletableFuture<Path> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                write.run();
                Platform.runLater(() -> message(done, false));
                result.complete(file);
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> message("Could not save " + file + ": " + rootMessage(e) + ". Choose another folder or free some space.", true));
                result.completeExceptionally(e);
            }
        };
        try {
            worker.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the pane was stopped: write on a thread of its own, the user still asked for the file
            Thread t = new Thread(task, "crossmesh-live-export");
            t.setDaemon(true);
            t.start();
        }
        return result;
    }

    // Building

    private void build() {
        HealthIcons.styleHealth(health, Health.UNKNOWN);
        health.getStyleClass().add("live-health");
        health.setId("live-health");
        health.setGraphic(HealthIcons.icon(Health.UNKNOWN));
        // the counts change without the health changing (one error, then two): follow every update
        vm.summaryProperty().addListener((obs, was, now) -> showHealth(vm.healthProperty().get()));
        showHealth(vm.healthProperty().get());

        ToggleButton allLinks = new ToggleButton("All discovery links", new FontIcon(MaterialDesignS.SHIELD_LINK_VARIANT));
        allLinks.setId("all-discovery-links");
        allLinks.selectedProperty().bindBidirectional(vm.allDiscoveryLinksProperty());
        allLinks.setTooltip(new Tooltip("Draw every remote-secret link, not only those with a problem"));
        Button png = new Button("Export PNG…", new FontIcon(MaterialDesignF.FILE_IMAGE_OUTLINE));
        png.setId("export-png");
        png.setTooltip(new Tooltip("Save the topology as a picture for slides and tickets"));
        png.setOnAction(e -> exportPng());
        Button json = new Button("Export JSON…", new FontIcon(MaterialDesignC.CODE_JSON));
        json.setId("export-json");
        json.setTooltip(new Tooltip("Save the status as crossmesh status --json prints it"));
        json.setOnAction(e -> exportJson());
        json.disableProperty().bind(vm.statusProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton below = new ToggleButton("Gateways & findings", new FontIcon(MaterialDesignT.TABLE));
        below.setId("show-tables");
        below.setSelected(true);
        below.setTooltip(new Tooltip("Show the gateway table and the findings below the topology; hide them to give the topology the whole window"));
        spacer.getStyleClass().add("toolbar-spacer");
        health.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip healthTip = new Tooltip();
        healthTip.textProperty().bind(javafx.beans.binding.Bindings.concat("mesh " + vm.plan().meshId() + ": ", vm.summaryProperty()));
        health.setTooltip(healthTip);
        heartbeat.getStyleClass().add("live-heartbeat");
        heartbeat.setId("live-heartbeat");
        heartbeat.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip heartbeatTip = new Tooltip();
        heartbeatTip.textProperty().bind(javafx.beans.binding.Bindings.concat("The gateways are probed every few seconds and the clusters watched;\n"
                + "this counts from the newest check. The picture itself: ", vm.updatedProperty()));
        heartbeat.setTooltip(heartbeatTip);
        allLinks.getStyleClass().add("live-toggle");
        below.getStyleClass().add("live-toggle");
        java.util.List<javafx.scene.control.ButtonBase> buttons = new java.util.ArrayList<>(java.util.List.of(allLinks, below, png, json));
        if (traffic != null) {
            buttons.add(0, traffic.button());
        }
        toolbar = new FittingToolbar(buttons);
        toolbar.getChildren().addAll(health, heartbeat, spacer);
        toolbar.getChildren().addAll(buttons);
        toolbar.getStyleClass().add("live-toolbar");
        setTop(toolbar);
        heartbeatTimer.setCycleCount(javafx.animation.Animation.INDEFINITE);
        heartbeatTimer.play();
        vm.statusProperty().addListener((obs, was, now) -> showHeartbeat());
        showHeartbeat();

        upper.getItems().add(topology);
        upper.setOrientation(Orientation.HORIZONTAL);
        SplitPane.setResizableWithParent(details, false);
        vm.detailsProperty().addListener((obs, was, now) -> showDetails(now != null));
        upperStack.getChildren().add(upper);
        StackPane.setAlignment(details, javafx.geometry.Pos.CENTER_RIGHT);
        upperStack.widthProperty().addListener((obs, was, now) -> showDetails(vm.detailsProperty().get() != null));
        // Escape closes the details wherever the focus is in the pane
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && vm.selectionProperty().get() != null) {
                vm.clearSelection();
                e.consume();
            }
        });

        tableBox = new VBox(tableTitle, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(gatewaysTab, findingsTab);
        tabs.setId("live-tabs");
        gatewaysTab.setId("gateways-tab");
        findingsTab.setId("findings-tab");
        findingsTab.setGraphic(HealthIcons.icon(Health.OK));
        vm.findingRows().addListener((javafx.collections.ListChangeListener<FindingRow>) c -> showFindingsCount());
        showFindingsCount();
        widthProperty().addListener((obs, was, now) -> arrangeLower(now.doubleValue() >= WIDE));
        sideBySide.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() instanceof javafx.scene.Node n && n.getStyleClass().contains("split-pane-divider")) {
                findingsDividerMoved = true;
            }
        });
        arrangeLower(false);

        main = new SplitPane(upperStack, lower);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.68);
        // the table keeps its share of the height: a pane made before it is shown (the wizard's Live step) starts with
        // no height, and a table fixed at its first size would stay hidden
        SplitPane.setResizableWithParent(lower, true);
        setCenter(main);
        main.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() instanceof javafx.scene.Node n && n.getStyleClass().contains("split-pane-divider") && n.getParent() == main) {
                mainDividerMoved = true;
            }
        });
        below.selectedProperty().addListener((obs, was, show) -> {
            if (show) {
                main.getItems().add(lower);
                main.setDividerPositions(0.68);
            } else {
                main.getItems().remove(lower);
            }
        });

        messageTimer.setOnFinished(e -> message("", false));
        message.getStyleClass().add("live-message");
        message.setId("live-message");
        message.setMaxWidth(Double.MAX_VALUE);
        setBottom(message);
        message.setManaged(false);
        message.setVisible(false);
    }

    /** From this width on the table and the findings fit side by side. */
    static final double WIDE = 1360;

    private void arrangeLower(boolean asWide) {
        if (wide != null && wide == asWide) {
            return;
        }
        wide = asWide;
        tableTitle.setVisible(asWide);
        tableTitle.setManaged(asWide);
        findings.setTitleVisible(asWide);
        if (asWide) {
            gatewaysTab.setContent(null);
            findingsTab.setContent(null);
            sideBySide.getItems().setAll(tableBox, findings);
            sideBySide.setDividerPositions(0.58);
            lower.getChildren().setAll(sideBySide);
        } else {
            sideBySide.getItems().clear();
            gatewaysTab.setContent(tableBox);
            findingsTab.setContent(findings);
            lower.getChildren().setAll(tabs);
        }
    }

    private void showFindingsCount() {
        long errors = vm.findingRows().stream().filter(f -> f.health() == Health.ERROR).count();
        long warnings = vm.findingRows().size() - errors;
        findingsTab.setText(vm.findingRows().isEmpty() ? "Findings" : "Findings (" + errors + " errors, " + warnings + " warnings)");
        HealthIcons.set((FontIcon) findingsTab.getGraphic(), errors > 0 ? Health.ERROR : warnings > 0 ? Health.WARNING : Health.OK);
    }

    private static Label titled(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-title");
        return l;
    }

    private void showHealth(Health h) {
        HealthIcons.styleHealth(health, h);
        HealthIcons.set((FontIcon) health.getGraphic(), h);
        health.getStyleClass().add("live-health");
        TopologyModel model = vm.topologyProperty().get();
        health.setText(switch (h) {
            case OK -> "Healthy";
            case ERROR -> count(model.errors(), "error") + (model.warnings() > 0 ? ", " + count(model.warnings(), "warning") : "");
            case WARNING -> count(model.warnings(), "warning");
            case OFFLINE -> "Offline";
            case UNKNOWN -> "Connecting…";
        });
    }

    /** The style class of a node that lies over other content on purpose (the details in a narrow window). */
    static final String OVERLAY = "overlay-layer";

    /** Narrower than this, the details lie over the drawing's right side instead of squeezing it. */
    static final double DETAILS_BESIDE_FROM = 1200;

    private void showDetails(boolean show) {
        boolean beside = upperStack.getWidth() >= DETAILS_BESIDE_FROM;
        details.getStyleClass().removeAll("details-overlay", OVERLAY);
        if (!show) {
            upper.getItems().remove(details);
            upperStack.getChildren().remove(details);
            return;
        }
        if (beside) {
            upperStack.getChildren().remove(details);
            if (!upper.getItems().contains(details)) {
                upper.getItems().add(details);
                double width = Math.max(1, upper.getWidth());
                upper.setDividerPosition(upper.getItems().indexOf(details) - 1, Math.max(0.5, 1 - details.prefWidth(-1) / width));
            }
        } else {
            upper.getItems().remove(details);
            details.getStyleClass().addAll("details-overlay", OVERLAY);
            details.setMaxWidth(Math.min(details.prefWidth(-1), Math.max(details.minWidth(-1), upperStack.getWidth() * 0.6)));
            if (!upperStack.getChildren().contains(details)) {
                upperStack.getChildren().add(details);
            }
        }
    }

    /** Whether the details panel lies over the drawing (narrow windows) rather than beside it. */
    boolean detailsOverlay() {
        return upperStack.getChildren().contains(details);
    }

    /** "checked 3 s ago": the monitor is still watching even when nothing changes. */
    private void showHeartbeat() {
        MeshStatus status = vm.statusProperty().get();
        StatusMonitor watching = checkedBy;
        // a volatile read: the monitor's threads write it, the FX thread only looks
        java.time.Instant checked = watching != null ? watching.lastChecked() : status == null ? null : status.at();
        if (checked == null) {
            heartbeat.setText("");
            return;
        }
        long seconds = Math.max(0, java.time.Duration.between(checked, java.time.Instant.now()).getSeconds());
        heartbeat.setText(seconds < 60 ? "checked " + seconds + " s ago" : "checked " + seconds / 60 + " min ago");
        heartbeat.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("stale"), seconds >= 60);
    }

    @Override
    protected void layoutChildren() {
        // the gateway table shows at least three rows: the drawing gives way (and can be panned)
        double tabs = lower.getChildren().contains(this.tabs) ? tabHeaderHeight() : 0;
        double titleH = tableTitle.isManaged() ? tableTitle.prefHeight(-1) : 0;
        double lowerMin = tabs + titleH + table.minHeight(-1);
        lower.setMinHeight(lowerMin);
        if (!mainDividerMoved && main.getItems().contains(lower) && main.getHeight() > 0) {
            // the drawing gets two thirds, the table below at least its three rows
            double share = 1 - Math.max(lowerMin, 0.32 * main.getHeight()) / main.getHeight();
            if (Math.abs(main.getDividerPositions()[0] - share) > 0.005) {
                main.setDividerPositions(Math.max(0.1, share));
            }
        }
        super.layoutChildren();
        if (Boolean.TRUE.equals(wide) && !findingsDividerMoved) {
            // the table gets the width its columns want, up to three quarters; the findings (wrapping text) take the rest
            double width = Math.max(1, sideBySide.getWidth());
            double share = Math.max(0.45, Math.min(0.75, table.wantedWidth() / width));
            if (Math.abs(sideBySide.getDividerPositions()[0] - share) > 0.005) {
                sideBySide.setDividerPositions(share);
            }
        }
    }

    private double tabHeaderHeight() {
        javafx.scene.Node header = tabs.lookup(".tab-header-area");
        return header == null ? 0 : header.prefHeight(-1);
    }

    private void message(String text, boolean problem) {
        messageTimer.stop();
        message.setText(text);
        message.getStyleClass().remove("problem");
        if (problem) {
            message.getStyleClass().add("problem");
        }
        boolean visible = !text.isEmpty();
        message.setVisible(visible);
        message.setManaged(visible);
        if (visible && !problem) {
            // news ("saved to ...") fades after a while; a problem stays until something replaces it
            messageTimer.playFromStart();
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    // For tests

    DetailsPanel detailsPanel() {
        return details;
    }

    GatewayStatusTable gatewayTable() {
        return table;
    }

    FindingsPanel findingsPanel() {
        return findings;
    }

    String heartbeatText() {
        return heartbeat.getText();
    }

    FittingToolbar toolbar() {
        return toolbar;
    }

    String healthText() {
        return health.getText();
    }

    String findingsTabText() {
        return findingsTab.getText();
    }

    String messageText() {
        return message.getText();
    }

    private static String count(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
