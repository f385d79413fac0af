package dev.crossmesh.ui.clusters;

import java.io.IOException;
import java.nio.file.Path;

/** Shared by the view-model tests of later steps, which need picked contexts. */
public final class ClustersStepViewModelTestSupport {
    private ClustersStepViewModelTestSupport() {
    }

    public static Path kubeconfig(Path dir, String... contexts) throws IOException {
        return ClustersStepViewModelTest.kubeconfig(dir, contexts);
    }
}
