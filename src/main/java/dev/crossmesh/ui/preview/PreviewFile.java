package dev.crossmesh.ui.preview;

import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.Manifest;

/** One rendered object in the preview's file list, in apply order. */
public record PreviewFile(Manifest manifest) {

    /** The export's file name, e.g. {@code 07-service-istio-eastwestgateway.yaml}. */
    public String fileName() {
        return manifest.fileName();
    }

    public String cluster() {
        return manifest.cluster();
    }

    /**
     * The first line in the file list: the export's file name, or for a remote secret (not a file) whose
     * cluster it reads, e.g. {@code 09 · remote secret of cluster-2}.
     */
    public String title() {
        if (exported()) {
            return fileName();
        }
        Object annotations = manifest.metadata().get("annotations");
        Object source = annotations instanceof java.util.Map<?, ?> map ? map.get("networking.istio.io/cluster") : null;
        return String.format(java.util.Locale.ROOT, "%02d · remote secret of %s", manifest.order(), source == null ? manifest.name() : source);
    }

    /** Remote secrets are not files: they are made at apply time from a live token. */
    public boolean exported() {
        return manifest.method() != ApplyMethod.REMOTE_SECRET;
    }

    /** Exactly what gets applied, except secret values, which are replaced by a note. */
    public String previewYaml() {
        return manifest.previewYaml();
    }

    /** How this object reaches its cluster, in one sentence. */
    public String note() {
        return switch (manifest.method()) {
            case API -> manifest.hasSecrets()
                    ? "Applied through the API server. Holds a private key: the preview hides it, the exported file has it (mode 0600)."
                    : "Applied through the API server.";
            case ISTIOCTL -> "Installed with istioctl install -f (or by an in-cluster Istio operator).";
            case ALTERNATIVE -> "Export only: the east-west gateway as an istioctl overlay, an alternative to the plain objects that follow.";
            case REMOTE_SECRET -> "Made at apply time from a live token of the source cluster; not a file of the export (apply.sh makes it with istioctl).";
        };
    }

    public String key() {
        return key(manifest.cluster(), manifest.kind(), manifest.namespace(), manifest.name());
    }

    static String key(String cluster, String kind, String namespace, String name) {
        return cluster + "/" + kind + "/" + namespace + "/" + name;
    }
}
