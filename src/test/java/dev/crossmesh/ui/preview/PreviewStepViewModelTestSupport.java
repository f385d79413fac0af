package dev.crossmesh.ui.preview;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** For tests elsewhere that compare an export with the CLI's. */
public final class PreviewStepViewModelTestSupport {
    private PreviewStepViewModelTestSupport() {
    }

    public static Map<String, String> tree(Path root) throws IOException {
        return PreviewStepViewModelTest.tree(root);
    }
}
