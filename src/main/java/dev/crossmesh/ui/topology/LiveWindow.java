package dev.crossmesh.ui.topology;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.plan.MeshPlan;

/**
 * The live view in a window of its own, for {@code crossmesh live --plan FILE}: no wizard around it. The window owns
 * the clients it is given: closing it stops watching, then closes them.
 */
public final class LiveWindow {
    private LiveWindow() {
    }

    /**
     * Shows the live view of {@code plan} in {@code stage}; FX thread. Applies AtlantaFX's Primer theme (light or dark)
     * unless the application already set a user-agent stylesheet.
     */
    public static LivePane show(Stage stage, MeshPlan plan, ClusterClients clients, boolean dark) {
        if (Application.getUserAgentStylesheet() == null) {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        }
        LivePane pane = LivePane.start(plan, clients, ExportFiles.fileChooser(() -> stage));
        stage.setTitle("crossmesh live · " + plan.meshId());
        stage.setScene(new Scene(pane, 1280, 800));
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.setOnHidden(e -> pane.stop().whenComplete((v, failure) -> clients.close()));
        stage.show();
        return pane;
    }
}
