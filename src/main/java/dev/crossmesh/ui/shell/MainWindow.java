package dev.crossmesh.ui.shell;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.crossmesh.GuiRequest;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.ui.apply.ApplyStepView;
import dev.crossmesh.ui.apply.ApplyStepViewModel;
import dev.crossmesh.ui.clusters.ClustersStepView;
import dev.crossmesh.ui.clusters.ClustersStepViewModel;
import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.StepViewModel;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.live.LiveStepView;
import dev.crossmesh.ui.live.LiveStepViewModel;
import dev.crossmesh.ui.mesh.MeshStepView;
import dev.crossmesh.ui.mesh.MeshStepViewModel;
import dev.crossmesh.ui.networks.NetworksStepView;
import dev.crossmesh.ui.networks.NetworksStepViewModel;
import dev.crossmesh.ui.preview.PreviewStepView;
import dev.crossmesh.ui.preview.PreviewStepViewModel;

/**
 * The app frame and the wizard's composition root: makes the plan model, every step's view-model and view, the
 * menus and the keyboard shortcuts, and puts them in one window.
 */
public final class MainWindow {
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 700;
    private static final Duration PREBUILD_PAUSE = Duration.millis(200);

    private final UiServices services;
    private final PlanModel planModel = new PlanModel();
    private final UiPreferences preferences;
    private final ClustersStepViewModel clustersStep;
    private final MeshStepViewModel meshStep;
    private final NetworksStepViewModel networksStep;
    private final PreviewStepViewModel previewStep;
    private final ApplyStepViewModel applyStep;
    private final LiveStepViewModel liveStep;
    private LiveStepView liveView;
    private final WizardViewModel wizard;
    private final DocumentViewModel document;

    /**
     * How each step's page is made. At start-up only the current step's page is made, so that the first frame builds
     * and styles one page (all six took a third of the wizard's CPU time to its first frame); the others are made one
     * at a time once the window is up ({@link #prebuildPages}), or at once if their step is visited first.
     */
    private final Map<WizardStep, Supplier<Node>> pageFactories = new EnumMap<>(WizardStep.class);
    private final Map<WizardStep, Node> views = new EnumMap<>(WizardStep.class);
    private final Map<WizardStep, Runnable> focusers = new EnumMap<>(WizardStep.class);
    private final BorderPane root = new BorderPane();
    private final StackPane pages = new StackPane();
    private Stage stage;

    public MainWindow(UiServices services) {
        this.services = services;
        this.preferences = new UiPreferences(services.preferences(), services.executor());
        ThemeManager.useTheme(preferences.darkProperty().get());
        clustersStep = new ClustersStepViewModel(planModel, services.executor(), services.dialogs(), services.clusterChecker(),
                services.demoLauncher(), services.fileWatcher(), services.kubeconfigFiles());
        meshStep = new MeshStepViewModel(planModel, services.defaultKeyType());
        networksStep = new NetworksStepViewModel(planModel, clustersStep);
        previewStep = new PreviewStepViewModel(planModel, services.executor(), services.dialogs(), services.clipboard(), services.caProvider(),
                services.liveDiff(), meshStep.caKeyTypeProperty(), clustersStep.kubeconfigsProperty());
        applyStep = new ApplyStepViewModel(planModel, previewStep.renderingProperty(), clustersStep.kubeconfigsProperty(), services.apply(),
                services.executor(), services.dialogs());
        liveStep = new LiveStepViewModel();
        // the live view watches what was last applied; a failed re-apply keeps it, as that is when it is needed most
        applyStep.stateProperty().addListener((obs, old, state) -> {
            if (state == ApplyStepViewModel.State.SUCCEEDED && previewStep.renderingProperty().get() != null) {
                liveStep.watch(previewStep.renderingProperty().get().plan(), clustersStep.kubeconfigsProperty().get());
            }
            if ((state == ApplyStepViewModel.State.SUCCEEDED || state == ApplyStepViewModel.State.FAILED
                    || state == ApplyStepViewModel.State.CANCELLED) && old == ApplyStepViewModel.State.APPLYING) {
                previewStep.compareAgainIfShown();
            }
        });
        Map<WizardStep, StepViewModel> steps = new EnumMap<>(WizardStep.class);
        steps.put(WizardStep.CLUSTERS, clustersStep);
        steps.put(WizardStep.MESH, meshStep);
        steps.put(WizardStep.NETWORKS, networksStep);
        steps.put(WizardStep.PREVIEW, previewStep);
        steps.put(WizardStep.APPLY, applyStep);
        steps.put(WizardStep.LIVE, liveStep);
        wizard = new WizardViewModel(steps);
        document = new DocumentViewModel(planModel, services.executor(), services.dialogs(), preferences, () -> {
            wizard.restart();
            liveStep.clear();
        });
        buildViews();
        buildRoot();
    }

    // what tests and the app use

    public Parent root() {
        return root;
    }

    public WizardViewModel wizard() {
        return wizard;
    }

    public DocumentViewModel document() {
        return document;
    }

    public PlanModel planModel() {
        return planModel;
    }

    public ClustersStepViewModel clustersStep() {
        return clustersStep;
    }

    public PreviewStepViewModel previewStep() {
        return previewStep;
    }

    public ApplyStepViewModel applyStep() {
        return applyStep;
    }

    public LiveStepViewModel liveStep() {
        return liveStep;
    }

    /** The Live step's page; null until the page is made (on the first visit to the step or after start-up). */
    public LiveStepView liveView() {
        return liveView;
    }

    public UiPreferences preferences() {
        return preferences;
    }

    /** Puts the wizard into the stage: scene, theme, title, minimum size, and asking before unsaved changes are lost. */
    public void show(Stage target, GuiRequest request) {
        this.stage = target;
        Scene scene = new Scene(root, 1280, 800);
        ThemeManager.apply(scene, root, preferences.darkProperty().get(), preferences.textSizeProperty().get());
        preferences.darkProperty().addListener((obs, o, dark) -> ThemeManager.apply(scene, root, dark, preferences.textSizeProperty().get()));
        preferences.textSizeProperty().addListener((obs, o, size) -> ThemeManager.apply(scene, root, preferences.darkProperty().get(), size.intValue()));
        installShortcuts(scene);
        MnemonicKeys.install(scene);
        target.setScene(scene);
        target.titleProperty().bind(document.titleProperty());
        target.setMinWidth(MIN_WIDTH);
        target.setMinHeight(MIN_HEIGHT);
        target.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        target.show();
        // a window manager may place the window smaller than asked (a small screen, a tiling layout): never below the minimum
        if (target.getWidth() < MIN_WIDTH) {
            target.setWidth(MIN_WIDTH);
        }
        if (target.getHeight() < MIN_HEIGHT) {
            target.setHeight(MIN_HEIGHT);
        }
        prebuildPages(scene);
        if (request.plan() != null) {
            document.load(request.plan());
        }
        Platform.runLater(this::focusCurrent);
    }

    /** Asks about unsaved changes, then closes the window and stops what the wizard started. */
    public void quit() {
        document.whenChangesHandled(() -> {
            close();
            if (stage != null) {
                stage.close();
            }
        });
    }

    /** Stops the demo clusters, the kubeconfig watch and the background threads. */
    public void close() {
        if (liveView != null) {
            liveView.stop();
        }
        clustersStep.close();
        services.executor().shutdown();
    }

    // layout

    private void buildViews() {
        pageFactories.put(WizardStep.CLUSTERS, () -> {
            ClustersStepView clusters = new ClustersStepView(clustersStep);
            focusers.put(WizardStep.CLUSTERS, clusters::focusFirst);
            return clusters;
        });
        pageFactories.put(WizardStep.MESH, () -> {
            MeshStepView mesh = new MeshStepView(meshStep);
            focusers.put(WizardStep.MESH, mesh::focusFirst);
            return mesh;
        });
        pageFactories.put(WizardStep.NETWORKS, () -> {
            NetworksStepView networks = new NetworksStepView(networksStep);
            focusers.put(WizardStep.NETWORKS, networks::focusFirst);
            return networks;
        });
        pageFactories.put(WizardStep.PREVIEW, () -> {
            PreviewStepView preview = new PreviewStepView(previewStep);
            focusers.put(WizardStep.PREVIEW, preview::focusFirst);
            return preview;
        });
        pageFactories.put(WizardStep.APPLY, () -> {
            ApplyStepView apply = new ApplyStepView(applyStep, () -> wizard.goTo(WizardStep.PREVIEW), document.dirtyProperty(), document::save);
            focusers.put(WizardStep.APPLY, apply::focusFirst);
            return apply;
        });
        pageFactories.put(WizardStep.LIVE, () -> {
            liveView = new LiveStepView(liveStep, services.dialogs());
            return liveView;
        });
    }

    /** The step's page, made and added now if it was not made yet; shown only if its step is the current one. */
    private Node page(WizardStep step) {
        Node view = views.get(step);
        if (view == null) {
            view = pageFactories.get(step).get();
            view.setVisible(step == wizard.current());
            view.setManaged(step == wizard.current());
            views.put(step, view);
            pages.getChildren().add(view);
        }
        return view;
    }

    /**
     * After the first frame, makes the pages not made yet, one per pause, so that Next does not wait for a page to be
     * built and styled (a cold Preview page takes about 0.6 s) and input is served between them.
     */
    private void prebuildPages(Scene scene) {
        Runnable[] afterFirstFrame = new Runnable[1];
        afterFirstFrame[0] = () -> {
            scene.removePostLayoutPulseListener(afterFirstFrame[0]);
            prebuildNextPage();
        };
        scene.addPostLayoutPulseListener(afterFirstFrame[0]);
    }

    private void prebuildNextPage() {
        PauseTransition pause = new PauseTransition(PREBUILD_PAUSE);
        pause.setOnFinished(e -> Arrays.stream(WizardStep.values()).filter(step -> !views.containsKey(step)).findFirst().ifPresent(step -> {
            page(step);
            prebuildNextPage();
        }));
        pause.play();
    }

    private void buildRoot() {
        root.getStyleClass().add("crossmesh-root");
        StepperHeader stepper = new StepperHeader(wizard);
        Button theme = new Button();
        theme.setId("themeToggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setFocusTraversable(false);
        theme.graphicProperty().bind(Bindings.createObjectBinding(() -> preferences.darkProperty().get()
                ? Icons.of(MaterialDesignW.WHITE_BALANCE_SUNNY) : Icons.of(MaterialDesignW.WEATHER_NIGHT), preferences.darkProperty()));
        theme.setTooltip(new Tooltip("Switch between light and dark (Ctrl+Shift+D)"));
        theme.setOnAction(e -> preferences.darkProperty().set(!preferences.darkProperty().get()));
        HBox header = new HBox(8, stepper, new Spacer(), theme);
        header.getStyleClass().add("app-header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 16, 8, 16));

        VBox top = new VBox(menuBar(), header, readFindingsBanner());
        root.setTop(top);

        pages.getStyleClass().add("pages");
        // hidden pages are unmanaged too, so that their minimum sizes do not push the window's layout beyond its size
        Runnable showCurrent = () -> {
            page(wizard.current());
            views.forEach((step, view) -> {
                view.setVisible(step == wizard.current());
                view.setManaged(step == wizard.current());
            });
        };
        showCurrent.run();
        wizard.currentProperty().addListener((obs, o, n) -> {
            showCurrent.run();
            Platform.runLater(this::focusCurrent);
        });
        root.setCenter(pages);
        root.setBottom(footer());
    }

    private Node footer() {
        Button back = new Button("_Back", Icons.of(MaterialDesignA.ARROW_LEFT));
        back.setId("back");
        back.setMnemonicParsing(true);
        back.disableProperty().bind(wizard.canGoBackProperty().not());
        back.setOnAction(e -> wizard.back());
        Button next = new Button("_Next", Icons.of(MaterialDesignA.ARROW_RIGHT));
        next.setId("next");
        next.setMnemonicParsing(true);
        next.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        next.getStyleClass().add(Styles.ACCENT);
        next.disableProperty().bind(wizard.canGoNextProperty().not());
        next.setOnAction(e -> wizard.next());
        // after a successful apply Next (to Live) is the Apply step's main action: Enter presses it
        next.defaultButtonProperty().bind(Bindings.createBooleanBinding(() -> wizard.current() == WizardStep.APPLY
                && applyStep.mainActionProperty().get() == ApplyStepViewModel.MainAction.NEXT, wizard.currentProperty(), applyStep.mainActionProperty()));
        // and it takes the focus from the Apply button, which is disabled now
        applyStep.mainActionProperty().addListener((obs, o, main) -> {
            if (main == ApplyStepViewModel.MainAction.NEXT && wizard.current() == WizardStep.APPLY) {
                Platform.runLater(next::requestFocus);
            }
        });

        Label blocker = new Label();
        blocker.setId("blocker");
        blocker.setWrapText(true);
        blocker.setMinWidth(0);
        blocker.textProperty().bind(Bindings.when(wizard.blockerProperty().isEmpty())
                .then(document.messageProperty()).otherwise(wizard.blockerProperty()));
        blocker.graphicProperty().bind(Bindings.createObjectBinding(() -> wizard.blockerProperty().get().isEmpty() ? null
                : Icons.of(MaterialDesignH.HAND_BACK_RIGHT_OUTLINE), wizard.blockerProperty()));
        blocker.getStyleClass().add("footer-text");
        HBox.setHgrow(blocker, Priority.ALWAYS);
        blocker.setMaxWidth(Double.MAX_VALUE);

        Label unsaved = new Label("Unsaved changes");
        unsaved.setId("unsavedMark");
        unsaved.getStyleClass().addAll("tag", "tag-unsaved");
        unsaved.visibleProperty().bind(document.dirtyProperty());
        unsaved.managedProperty().bind(unsaved.visibleProperty());

        back.setMinWidth(Button.USE_PREF_SIZE);
        next.setMinWidth(Button.USE_PREF_SIZE);
        unsaved.setMinWidth(Label.USE_PREF_SIZE);
        HBox footer = new HBox(12, back, blocker, unsaved, next);
        footer.getStyleClass().add("app-footer");
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(10, 16, 10, 16));
        return footer;
    }

    private Node readFindingsBanner() {
        Label text = new Label();
        text.setId("readFindings");
        text.setWrapText(true);
        text.setGraphic(Icons.of(MaterialDesignA.ALERT));
        Button dismiss = new Button("Dismiss");
        dismiss.getStyleClass().add(Styles.FLAT);
        dismiss.setOnAction(e -> document.readFindings().clear());
        HBox banner = new HBox(12, text, new Spacer(), dismiss);
        HBox.setHgrow(text, Priority.ALWAYS);
        banner.getStyleClass().add("read-findings-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(8, 16, 8, 16));
        Runnable show = () -> {
            boolean any = !document.readFindings().isEmpty();
            banner.setVisible(any);
            banner.setManaged(any);
            text.setText(any ? document.displayName() + " has " + document.readFindings().size()
                    + (document.readFindings().size() == 1 ? " problem" : " problems") + " that reading it found; the fields keep their defaults:\n"
                    + document.readFindings().stream().map(Finding::toLine).collect(Collectors.joining("\n")) : "");
        };
        document.readFindings().addListener((ListChangeListener<Finding>) c -> show.run());
        show.run();
        return banner;
    }

    private MenuBar menuBar() {
        MenuItem newPlan = item("_New plan", "Shortcut+N", document::newPlan);
        MenuItem open = item("_Open plan…", "Shortcut+O", document::open);
        Menu recent = new Menu("Open _recent");
        Runnable fillRecent = () -> {
            recent.getItems().setAll(document.recentPlans().stream().map(p -> {
                MenuItem i = new MenuItem(p.toString());
                i.setMnemonicParsing(false);
                i.setOnAction(e -> document.openRecent(p));
                return i;
            }).toList());
            if (recent.getItems().isEmpty()) {
                MenuItem none = new MenuItem("No recent plans");
                none.setDisable(true);
                recent.getItems().add(none);
            } else {
                recent.getItems().addAll(new SeparatorMenuItem(), item("_Clear the list", (String) null, () -> preferences.recentPlans().clear()));
            }
        };
        document.recentPlans().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        MenuItem save = item("_Save", "Shortcut+S", document::save);
        MenuItem saveAs = item("Save _as…", "Shortcut+Shift+S", document::saveAs);
        MenuItem quit = item("_Quit", "Shortcut+Q", this::quit);
        Menu file = new Menu("_File", null, newPlan, open, recent, new SeparatorMenuItem(), save, saveAs, new SeparatorMenuItem(), quit);

        CheckMenuItem dark = new CheckMenuItem("_Dark theme");
        dark.selectedProperty().bindBidirectional(preferences.darkProperty());
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        Menu view = new Menu("_View", null, dark, new SeparatorMenuItem(),
                item("_Larger text", new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), preferences::largerText),
                item("_Smaller text", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), preferences::smallerText),
                item("_Normal text size", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), preferences::normalText),
                new SeparatorMenuItem(),
                item("_Reload contexts and check clusters", "F5", () -> {
                    clustersStep.refresh();
                    clustersStep.checkAgain();
                }));

        Menu go = new Menu("_Go");
        go.getItems().addAll(item("_Back", "Alt+Left", wizard::back), item("_Next", "Alt+Right", wizard::next), new SeparatorMenuItem());
        for (WizardStep step : WizardStep.values()) {
            MenuItem stepItem = item(step.number() + "  " + step.title(),
                    new KeyCodeCombination(KeyCode.valueOf("DIGIT" + step.number()), KeyCombination.SHORTCUT_DOWN), () -> wizard.goTo(step));
            stepItem.setMnemonicParsing(false);
            go.getItems().add(stepItem);
        }

        Menu help = new Menu("_Help", null, item("_Keyboard shortcuts", "F1", this::showShortcuts),
                item("_About crossmesh", (String) null, () -> services.dialogs().showInformation("About crossmesh",
                        "crossmesh sets up one Istio or Anthos Service Mesh across Kubernetes clusters in different networks: "
                                + "east-west gateways, remote secrets and a shared root CA, from one plan file.")));
        MenuBar bar = new MenuBar(file, view, go, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        return item(text, accelerator == null ? null : KeyCombination.keyCombination(accelerator), action);
    }

    private static MenuItem item(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setMnemonicParsing(true);
        item.setAccelerator(accelerator);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Keys menus cannot carry: Ctrl+Enter for Next, and the keypad and '+' variants of the text size keys. */
    private void installShortcuts(Scene scene) {
        KeyCombination nextKey = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        KeyCombination plus = new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN);
        KeyCombination add = new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN);
        KeyCombination subtract = new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (nextKey.match(e)) {
                wizard.next();
                e.consume();
            } else if (plus.match(e) || add.match(e)) {
                preferences.largerText();
                e.consume();
            } else if (subtract.match(e)) {
                preferences.smallerText();
                e.consume();
            }
        });
    }

    private void focusCurrent() {
        Runnable focus = focusers.get(wizard.current());
        if (focus != null) {
            focus.run();
        }
    }

    private void showShortcuts() {
        // one shortcut per line, keys first: the dialog's proportional font cannot line up columns made of spaces
        services.dialogs().showInformation("Keyboard shortcuts", String.join("\n",
                "Next step: Alt+N, Alt+Right or Ctrl+Enter (Enter once an apply is done)",
                "Previous step: Alt+B or Alt+Left",
                "Go to a step: Ctrl+1 … Ctrl+6 (when the steps before it are done)",
                "Move between fields: Tab and Shift+Tab (also out of the annotations and the YAML)",
                "Jump to a field or button: Alt + its underlined letter",
                "Clusters: Space picks or unpicks the selected contexts; Alt+L filter, Alt+A pick all shown, Alt+U unpick all shown,"
                        + " Alt+D demo clusters, Alt+O open a kubeconfig, Alt+C check again",
                "Preview: Alt+Y copy the YAML, Alt+E export, Alt+C compare with the clusters",
                "Apply: Alt+D dry run, Alt+A apply, Alt+T take over existing objects, Alt+S the log of one cluster, Alt+P save the plan",
                "Read the kubeconfig again and check the picked clusters: F5",
                "New, open, save, save as: Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S",
                "Light or dark theme: Ctrl+Shift+D",
                "Larger, smaller, normal text: Ctrl++, Ctrl+-, Ctrl+0",
                "These shortcuts: F1",
                "Quit: Ctrl+Q"));
    }
}
