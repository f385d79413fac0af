package dev.crossmesh.ui.live;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.ui.WizardFx;
import dev.crossmesh.ui.shell.MainWindow;

/** Live at the sizes the issue names, in target/live-shots/, to look at. */
class LiveScreenshotsFxTest {
    private MainWindow window;

    @AfterEach
    void close() throws Exception {
        WizardFx.close(window);
    }

    private static void size(double w, double h) {
        try {
            WizardFx.stage().setWidth(w);
            WizardFx.stage().setHeight(h);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void liveAtEverySize(@TempDir Path dir) throws Exception {
        Path out = Path.of("target", "live-shots");
        try (DemoClusters demo = DemoClusters.builder().clusters(3).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            LiveShots.apply(demo, dir);
            window = LiveShots.showLive(demo, dir, 1024, 700, 20, false);
            WizardFx.snapshot(WizardFx.stage(), out.resolve("live-1024-20px.png"));
            WizardFx.runOnFx(() -> window.preferences().darkProperty().set(true));
            WizardFx.snapshot(WizardFx.stage(), out.resolve("live-1024-20px-dark.png"));
            WizardFx.runOnFx(() -> {
                window.preferences().darkProperty().set(false);
                window.preferences().textSizeProperty().set(15);
                size(1366, 768);
            });
            WizardFx.snapshot(WizardFx.stage(), out.resolve("live-1366.png"));
            WizardFx.runOnFx(() -> {
                size(1920, 1080);
            });
            WizardFx.snapshot(WizardFx.stage(), out.resolve("live-1920.png"));
            WizardFx.runOnFx(() -> {
                window.preferences().textSizeProperty().set(20);
            });
            WizardFx.snapshot(WizardFx.stage(), out.resolve("live-1920-20px.png"));
        }
    }
}
