package dev.crossmesh.ui.apply;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;

import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

import dev.crossmesh.ui.core.Icons;
import dev.crossmesh.ui.core.PendingFeature;
import dev.crossmesh.ui.core.StepPage;
import dev.crossmesh.ui.core.WizardStep;

/**
 * Step 5's screen. While {@link ApplyStepViewModel#available()} is false it says what applying will do and points
 * at the export; the apply engine's progress bar, per-cluster log and gateway addresses replace this content.
 */
public final class ApplyStepView extends StepPage {
    public ApplyStepView(ApplyStepViewModel vm, Runnable goToPreview) {
        super(WizardStep.APPLY.title(), WizardStep.APPLY.purpose());
        getStyleClass().add("apply-step");
        Button preview = new Button("Go to the Preview to export", Icons.of(MaterialDesignE.EXPORT));
        preview.setId("applyGoToPreview");
        preview.setOnAction(e -> goToPreview.run());
        PendingFeature pending = new PendingFeature(MaterialDesignR.ROCKET_LAUNCH_OUTLINE,
                "Applying arrives with the apply engine",
                List.of("A server-side dry run on every cluster first: nothing changes, every problem shows.",
                        "Then the manifests of the Preview, cluster by cluster in apply order, with a progress bar and a log per cluster.",
                        "The remote secrets between the clusters, made from live tokens.",
                        "Each east-west gateway's address as it arrives; cancel at any time."),
                "Until then: export the manifests in the Preview step and run the apply.sh it writes.", preview);
        pending.setId("applyPending");
        StackPane center = new StackPane(pending);
        StackPane.setAlignment(pending, Pos.TOP_CENTER);
        setContent(center);
    }
}
