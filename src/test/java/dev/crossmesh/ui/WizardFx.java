package dev.crossmesh.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.ui.apply.ApplyService;
import dev.crossmesh.ui.clusters.ClusterChecker;
import dev.crossmesh.ui.clusters.DemoLauncher;
import dev.crossmesh.ui.clusters.FileWatcher;
import dev.crossmesh.ui.core.ClipboardService;
import dev.crossmesh.ui.core.FxTaskExecutor;
import dev.crossmesh.ui.preview.LiveDiffService;
import dev.crossmesh.ui.preview.MeshCaProvider;
import dev.crossmesh.ui.shell.MainWindow;
import dev.crossmesh.ui.shell.PreferencesStore;
import dev.crossmesh.ui.shell.ThemeManager;
import dev.crossmesh.ui.shell.UiServices;

/** Starts the real wizard on a headless (Monocle) stage, with services a test controls, and takes snapshots. */
public final class WizardFx {
    public static final long TIMEOUT_SECONDS = 20;

    private WizardFx() {
    }

    /**
     * The app's own services (the real diff engine and applier included) except: dialogs answered by the test, a
     * clipboard the test reads, the mesh CA in {@code dir} with fast EC keys, demo clusters with the fast simulation
     * whose kubeconfig goes to {@code dir}, and no user kubeconfig.
     */
    public static UiServices services(Path dir, dev.crossmesh.ui.core.DialogService dialogs, List<Path> kubeconfigs, ClipboardService clipboard) {
        return new UiServices(new FxTaskExecutor(), dialogs, clipboard, ClusterChecker.kubernetes(),
                DemoLauncher.inProcess(dir.resolve("demo-kubeconfig"), SimulationOptions.fast()), FileWatcher.kubeconfigs(), kubeconfigs,
                MeshCaProvider.certStore(meshId -> dir.resolve("certs").resolve(meshId)), KeyType.EC_P256,
                LiveDiffService.diffEngine(), ApplyService.meshApplier(), PreferencesStore.inMemory());
    }

    public static Stage stage() throws TimeoutException {
        return FxToolkit.registerPrimaryStage();
    }

    /** Builds the wizard on the FX thread and shows it in the primary stage at the given size. */
    /** {@code DIR/two.yaml}: mesh "two", cluster east (network vpc-1) and west (vpc-2) on the two contexts given. */
    public static Path twoClusterPlan(Path dir, String eastContext, String westContext) throws IOException {
        Path planFile = dir.resolve("two.yaml");
        dev.crossmesh.plan.PlanWriter.write(dev.crossmesh.plan.MeshPlan.of("two", List.of(
                new dev.crossmesh.plan.ClusterSpec("east", eastContext, "vpc-1"), new dev.crossmesh.plan.ClusterSpec("west", westContext, "vpc-2"))),
                planFile);
        return planFile;
    }

    public static MainWindow show(UiServices services, GuiRequest request, double width, double height) throws Exception {
        Stage stage = stage();
        MainWindow window = onFx(() -> {
            MainWindow w = new MainWindow(services);
            w.show(stage, request);
            stage.setWidth(width);
            stage.setHeight(height);
            return w;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return window;
    }

    /** Closes the wizard, hides the stage and puts the default stylesheet back for the next test class. */
    public static void close(MainWindow window) throws Exception {
        onFx(() -> {
            if (window != null) {
                window.close();
            }
            stage().hide();
            stage().setScene(null);
            ThemeManager.reset();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public static void waitUntil(String what, BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> {
                AtomicReference<Boolean> result = new AtomicReference<>(false);
                WaitForAsyncUtils.asyncFx(() -> result.set(condition.getAsBoolean())).get(5, TimeUnit.SECONDS);
                return result.get();
            });
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + TIMEOUT_SECONDS + " s for: " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes what the window shows to a PNG through Scene.snapshot (the robot's capture does not work under Monocle). */
    public static Path snapshot(Stage stage, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }

    public static void runOnFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void exitQuietly() {
        Platform.setImplicitExit(false);
    }
}
