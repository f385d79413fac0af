package dev.crossmesh.ui.topology;

import java.nio.file.Path;
import java.util.List;

import dev.crossmesh.GuiRequest;
import dev.crossmesh.cli.CliRunner;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.WizardFx;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.shell.MainWindow;

/** The wizard on its Live step, watching three demo clusters that {@code crossmesh apply} set up: what the GUI tests of Live start from. */
final class LiveShots {
    static final String PLAN = "examples/demo-three-clusters.yaml";

    private LiveShots() {
    }

    static void resize(double width, double height) throws Exception {
        javafx.stage.Stage stage = WizardFx.stage();
        WizardFx.runOnFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
    }

    static void apply(DemoClusters demo, Path dir) {
        CliRunner.Result apply = CliRunner.run("apply", "--plan", PLAN, "--yes", "--kubeconfig", demo.kubeconfig().toString(), "--certs",
                dir.resolve("certs").toString(), "--ca-key-type", "ec-p256");
        if (apply.code() != 0) {
            throw new AssertionError(apply.all());
        }
    }

    /** Shows the wizard at the size and text size given, on Live, and waits until the three clusters are synced with their gateways. */
    static MainWindow showLive(DemoClusters demo, Path dir, ScriptedDialogs dialogs, double width, double height, int textSize, boolean dark) throws Exception {
        MeshPlan plan = PlanReader.read(Path.of(PLAN)).plan();
        MainWindow window = WizardFx.show(WizardFx.services(dir, dialogs, List.of(demo.kubeconfig()), text -> { }),
                new GuiRequest(null, false, demo.kubeconfig()), width, height);
        WizardFx.runOnFx(() -> {
            window.preferences().textSizeProperty().set(textSize);
            window.preferences().darkProperty().set(dark);
            window.liveStep().watch(plan, Kubeconfigs.of(List.of(demo.kubeconfig())));
            window.wizard().jumpTo(WizardStep.LIVE);
        });
        WizardFx.waitUntil("the live view shows three synced clusters with their gateways", () -> {
            var pane = window.liveView().pane();
            var status = pane == null ? null : pane.viewModel().statusProperty().get();
            return status != null && status.clusters().size() == 3 && status.clusters().stream()
                    .allMatch(c -> c.state() == ConnectionState.SYNCED && c.gateway().address() != null && !c.gateway().address().isEmpty()
                            && c.gateway().probe().state() == dev.crossmesh.status.ProbeState.READY);
        });
        return window;
    }
}
