package dev.crossmesh.ui.preview;

import java.util.List;

/** One cluster's tab in the preview: its objects in apply order. */
public record ClusterPreview(String cluster, String context, List<PreviewFile> files) {
    public ClusterPreview {
        files = List.copyOf(files);
    }

    public long exportedFiles() {
        return files.stream().filter(PreviewFile::exported).count();
    }
}
