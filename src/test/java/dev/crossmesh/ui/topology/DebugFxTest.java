package dev.crossmesh.ui.topology;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.MeshStatus;

class DebugFxTest {
    @Test
    void dump() throws Exception {
        MeshPlan plan = Samples.plan(10, 4);
        MeshStatus status = Samples.changed(plan, "c2", c -> Samples.withoutSecret(c, "c9"), Samples.T0);
        LiveFx.ManualFeed feed = new LiveFx.ManualFeed();
        feed.push(status);
        LivePane pane = LiveFx.onFx(() -> LivePane.of(plan, feed, LiveFx.answering(List.of())));
        LiveFx.show(pane, 1280, 800, false);
        LiveFx.waitUntil("drawn", () -> pane.viewModel().statusProperty().get() == status);
        Thread.sleep(500);
        LiveFx.runOnFx(() -> {
            TopologyView v = pane.topologyView();
            System.out.println("layout " + v.currentLayout().width() + "x" + v.currentLayout().height() + " scale " + v.currentLayout().scale());
            javafx.scene.Node canvas = v.getChildrenUnmodifiable().get(0);
            System.out.println("canvas layout " + canvas.getLayoutX() + "," + canvas.getLayoutY() + " bounds " + canvas.getLayoutBounds() + " parent " + canvas.getBoundsInParent());
            System.out.println("card c1 " + v.card("c1").getBoundsInParent() + " scene " + v.card("c1").localToScene(v.card("c1").getLayoutBounds()));
            LinkNode l = v.discoveryLink("c2", "c9");
            System.out.println("link " + l.curve() + " bip " + l.getBoundsInParent());
            System.out.println("view size " + v.getWidth() + "x" + v.getHeight());
        });
        LiveFx.close();
    }
}
