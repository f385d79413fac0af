package dev.crossmesh.ui;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.ui.shell.MainWindow;

class SmokeTmpTest {
    @Test
    void shows(@TempDir Path dir) throws Exception {
        System.err.println("SMOKE: start");
        MainWindow w = WizardFx.show(WizardFx.services(dir, new ScriptedDialogs(), List.of(dir.resolve("none")), t -> { }),
                GuiRequest.wizard(), 1280, 800);
        System.err.println("SMOKE: shown");
        WizardFx.snapshot(WizardFx.stage(), Path.of("/tmp/shots/smoke.png"));
        System.err.println("SMOKE: snap");
        WizardFx.close(w);
    }
}
