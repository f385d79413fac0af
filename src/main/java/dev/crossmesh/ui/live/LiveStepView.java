package dev.crossmesh.ui.live;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;

import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import dev.crossmesh.ui.core.PendingFeature;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;

/** Step 6's screen. The status table, then the topology view, replace this content once the status monitor is wired in. */
public final class LiveStepView extends StepPage {
    public LiveStepView(LiveStepViewModel vm) {
        super(WizardStep.LIVE.title(), WizardStep.LIVE.purpose());
        getStyleClass().add("live-step");
        PendingFeature pending = new PendingFeature(MaterialDesignM.MONITOR_DASHBOARD,
                "The live view arrives with the status monitor",
                List.of("Every cluster with its network, control plane and health, as the clusters report it.",
                        "Each east-west gateway with its address and whether the others can reach it.",
                        "Changes as they happen: a cluster going offline shows within seconds."),
                "It needs a mesh that was applied; until then this step has nothing to show.", null);
        pending.setId("livePending");
        StackPane center = new StackPane(pending);
        StackPane.setAlignment(pending, Pos.TOP_CENTER);
        setContent(center);
    }
}
