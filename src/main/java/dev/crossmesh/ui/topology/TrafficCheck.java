package dev.crossmesh.ui.topology;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javafx.scene.control.Button;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;

import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.ui.core.FxTaskExecutor;
import dev.crossmesh.ui.verify.VerifyPanel;
import dev.crossmesh.ui.verify.VerifyViewModel;
import dev.crossmesh.verify.MeshVerifier;

/**
 * The live view's Verify action: the toolbar button, and the {@link VerifyPanel} it opens beside the topology, which
 * runs the check at once; the topology lights its data-plane links as the check found them.
 */
final class TrafficCheck {
    private final TopologyView topology;
    private final SplitPane beside;
    private final Button button = new Button("Verify traffic", new FontIcon(MaterialDesignS.SEND_CHECK_OUTLINE));
    private final AtomicReference<MeshStatus> latest = new AtomicReference<>();
    private final FxTaskExecutor tasks = new FxTaskExecutor();
    private final VerifyViewModel vm;
    private final VerifyPanel panel;

    TrafficCheck(TopologyViewModel topologyVm, TopologyView topology, SplitPane beside, MeshVerifier.Targets targets) {
        this.topology = topology;
        this.beside = beside;
        this.vm = new VerifyViewModel(topologyVm.plan(), targets, () -> Optional.ofNullable(latest.get()), tasks);
        this.panel = new VerifyPanel(vm, this::close);
        topologyVm.statusProperty().addListener((obs, was, now) -> latest.set(now));
        vm.reportProperty().addListener((obs, was, now) -> topology.showTraffic(vm::linkState));
        button.setId("verify-traffic");
        button.setTooltip(new Tooltip("Send requests from every cluster to every other, as crossmesh verify does, and show who answered"));
        button.setOnAction(e -> open());
        button.disableProperty().bind(vm.runningProperty());
    }

    Button button() {
        return button;
    }

    VerifyViewModel viewModel() {
        return vm;
    }

    /** Shows the panel beside the topology and starts a check. */
    void open() {
        if (!beside.getItems().contains(panel)) {
            beside.getItems().add(panel);
            beside.setDividerPosition(beside.getItems().size() - 2, 0.62);
        }
        vm.verify();
    }

    private void close() {
        vm.cancel();
        beside.getItems().remove(panel);
        topology.showTraffic((a, b) -> null);
    }

    /** Cancels a running check and waits for it to remove what it deployed (bounded); off the UI thread, before the clients close. */
    void stop() {
        vm.stop(java.time.Duration.ofSeconds(60));
        tasks.shutdown();
    }
}
