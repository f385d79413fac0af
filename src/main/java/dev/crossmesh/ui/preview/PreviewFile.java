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
