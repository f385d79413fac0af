package dev.crossmesh.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanFileException;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.ui.topology.LiveWindow;
import dev.crossmesh.ui.shell.UiPreferences;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.ui.apply.ApplyService;
import dev.crossmesh.ui.clusters.ClusterChecker;
import dev.crossmesh.ui.clusters.DemoLauncher;
import dev.crossmesh.ui.clusters.FileWatcher;
import dev.crossmesh.ui.core.FxTaskExecutor;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.preview.LiveDiffService;
import dev.crossmesh.ui.shell.ErrorReporter;
import dev.crossmesh.ui.shell.FxDialogService;
import dev.crossmesh.ui.shell.MainWindow;
import dev.crossmesh.ui.shell.UiServices;

/** The JavaFX application: the wizard in one window. {@link #open} is what the launcher and the CLI call. */
public class CrossmeshApp extends Application {
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");
    private static volatile GuiRequest request = GuiRequest.wizard();
    private MainWindow window;

    /** Shows the wizard and returns the exit code once its window is closed. */
    public static int open(GuiRequest what) {
        request = what == null ? GuiRequest.wizard() : what;
        dev.crossmesh.Logs.install();
        // JavaFX warns on every start that it was loaded from the class path, which the plain launcher does on purpose
        JAVAFX_LOG.setLevel(Level.SEVERE);
        try {
            Application.launch(CrossmeshApp.class);
        } catch (RuntimeException e) {
            System.err.println(launchFailure(e));
            return 2;
        }
        return 0;
    }

    /** What to tell a user whose window did not open: most often there is no display (ssh, a container, CI). */
    static String launchFailure(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DISPLAY") || message.contains("Graphics Device initialization failed") || message.contains("glass")) {
            return "crossmesh: cannot open a window here: " + (message.contains("DISPLAY") ? "no display (DISPLAY is not set or cannot be reached)" : message)
                    + ". The command line needs none: see crossmesh --help; crossmesh demo --headless runs demo clusters without a window.";
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return "crossmesh: the window could not open: " + cause + " (please report it)";
    }

    @Override
    public void start(Stage stage) {
        GuiRequest what = request;
        if (what.live()) {
            openLive(stage, what);
            return;
        }
        TaskExecutor executor = new FxTaskExecutor();
        FxDialogService dialogs = new FxDialogService(() -> stage);
        new ErrorReporter(dialogs, executor, System.err).install();
        window = new MainWindow(standardServices(executor, dialogs, what));
        window.show(stage, what);
        FirstFrameProbe.watch(stage);
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }

    /**
     * The real services: the diff engine and the applier over the same mesh CA folder as the preview and the CLI
     * ({@code AppDirs.certs(meshId)}, through {@link UiServices#defaultCa()}).
     */
    static UiServices standardServices(TaskExecutor executor, FxDialogService dialogs, GuiRequest what) {
        List<Path> kubeconfigs = what.kubeconfig() != null ? List.of(what.kubeconfig()) : Kubeconfigs.locate(null).files();
        return new UiServices(executor, dialogs, CrossmeshApp::copyToClipboard, ClusterChecker.kubernetes(), DemoLauncher.inProcess(),
                FileWatcher.kubeconfigs(), kubeconfigs, UiServices.defaultCa(), KeyType.RSA_4096,
                LiveDiffService.notAvailable(), ApplyService.notAvailable(), UiServices.defaultPreferences())
                .withLiveDiff(LiveDiffService.diffEngine())
                .withApply(ApplyService.meshApplier());
    }

    /** {@code crossmesh live --plan FILE}: the live view on its own; the CLI has already checked the plan and its contexts. */
    private static void openLive(Stage stage, GuiRequest what) {
        MeshPlan plan;
        try {
            plan = PlanReader.read(what.plan()).plan();
        } catch (PlanFileException e) {
            System.err.println("crossmesh: " + e.getMessage());
            Platform.exit();
            return;
        }
        boolean dark = new UiPreferences(UiServices.defaultPreferences(), new FxTaskExecutor()).darkProperty().get();
        LiveWindow.show(stage, plan, new ClusterClients(Kubeconfigs.locate(what.kubeconfig())), dark);
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
