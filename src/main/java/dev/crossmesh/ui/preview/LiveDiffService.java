package dev.crossmesh.ui.preview;

import java.util.List;

import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.render.RenderedMesh;

/**
 * The slot for the live diff: compares the rendered objects with what the clusters hold (create / update /
 * unchanged per object). The kube package's diff engine fills it; until then the preview says it is not there yet.
 */
public interface LiveDiffService {

    /** False while no diff engine is wired in; the preview then shows the slot as "not available yet". */
    boolean available();

    /**
     * Blocking (it reads every object from every cluster); the preview runs it in the background.
     * Objects of unreachable clusters are left out of the answer; their absence is shown as "not compared".
     */
    List<ObjectDiff> diff(RenderedMesh mesh, Kubeconfigs kubeconfigs) throws Exception;

    static LiveDiffService notAvailable() {
        return new LiveDiffService() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public List<ObjectDiff> diff(RenderedMesh mesh, Kubeconfigs kubeconfigs) {
                return List.of();
            }
        };
    }
}
