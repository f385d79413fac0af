package dev.crossmesh.ui.live;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;

import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.DialogService.FileKind;
import dev.crossmesh.ui.core.PendingFeature;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;
import dev.crossmesh.ui.topology.ExportFiles;
import dev.crossmesh.ui.topology.LivePane;

/**
 * Step 6's screen: the live topology of the applied mesh. A {@link LivePane} watches the clusters while it is shown;
 * a new target replaces it, and {@link #stop()} (window closing) ends the watch and closes its clients.
 */
public final class LiveStepView extends StepPage {
    private final PendingFeature nothingYet;
    private final ExportFiles files;
    private LivePane pane;
    private ClusterClients clients;

    public LiveStepView(LiveStepViewModel vm, DialogService dialogs) {
        super(WizardStep.LIVE.title(), WizardStep.LIVE.purpose());
        getStyleClass().add("live-step");
        files = (title, name, description, extension) ->
                dialogs.chooseFileToSave(title, null, name, List.of(new FileKind(description, List.of("*." + extension))));
        nothingYet = new PendingFeature(MaterialDesignM.MONITOR_DASHBOARD, "Nothing applied yet",
                List.of("Every network with its clusters, their control planes and east-west gateways, as the clusters report it.",
                        "Discovery links (remote secrets) and data-plane links between gateways, broken ones marked.",
                        "Changes as they happen: a cluster going offline shows within seconds."),
                "Apply the mesh in step 5 first; or open an applied plan with `crossmesh live --plan FILE`.", null);
        nothingYet.setId("livePending");
        show(vm.targetProperty().get());
        vm.targetProperty().addListener((obs, old, target) -> show(target));
        // in a short window the live view needs the lines: the drawing and three table rows come first, the stepper
        // above still says "Live"
        heightProperty().addListener((obs, was, now) -> setHeadShown(now.doubleValue() >= SHORT_BELOW));
    }

    /** Below this page height the title and purpose are hidden. */
    static final double SHORT_BELOW = 640;

    /** The pane watching the mesh now, or null while there is nothing to watch. */
    public LivePane pane() {
        return pane;
    }

    /** Stops watching and closes the clients; the step shows "nothing applied" again. */
    public void stop() {
        if (pane != null) {
            ClusterClients closing = clients;
            pane.stop().whenComplete((v, failure) -> closing.close());
            pane = null;
            clients = null;
        }
    }

    private void show(LiveStepViewModel.Target target) {
        stop();
        if (target == null) {
            StackPane center = new StackPane(nothingYet);
            StackPane.setAlignment(nothingYet, Pos.TOP_CENTER);
            setContent(center);
            return;
        }
        clients = new ClusterClients(target.kubeconfigs());
        pane = LivePane.start(target.plan(), clients, files);
        pane.setId("livePane");
        setContent(pane);
    }
}
