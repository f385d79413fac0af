package dev.crossmesh.ui.preview;

import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.Manifest;

/**
 * One file in the preview's file list: a rendered object in apply order, or the values file of one of the Helm path's
 * charts (after the objects, as the export writes them into {@code <cluster>/helm/}). Exactly one of the two is set.
 */
public record PreviewFile(Manifest manifest, HelmRelease helmValues) {
    public PreviewFile {
        if ((manifest == null) == (helmValues == null)) {
            throw new IllegalArgumentException("a preview file is a manifest or a Helm values file");
        }
    }

    public PreviewFile(Manifest manifest) {
        this(manifest, null);
    }

    public static PreviewFile of(HelmRelease values) {
        return new PreviewFile(null, values);
    }

    /** The export's file name, e.g. {@code 07-service-istio-eastwestgateway.yaml} or {@code helm/istiod-values.yaml}. */
    public String fileName() {
        return manifest != null ? manifest.fileName() : HelmInstall.FOLDER + "/" + helmValues.step().valuesFile();
    }

    public String cluster() {
        return manifest != null ? manifest.cluster() : helmValues.cluster();
    }

    /** What the file is: {@code Service istio-system/istio-eastwestgateway}, or {@code Helm values of istiod (chart istiod)}. */
    public String displayName() {
        return manifest != null ? manifest.displayName() : "Helm values of " + helmValues.name() + " (chart " + helmValues.chart() + ")";
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
        return manifest == null || manifest.method() != ApplyMethod.REMOTE_SECRET;
    }

    /**
     * The istioctl overlay of the east-west gateway: written by Export for {@code istioctl install -f}, never applied by
     * crossmesh (the plain objects after it are); the file list marks it.
     */
    public boolean exportOnly() {
        return manifest != null && manifest.method() == ApplyMethod.ALTERNATIVE;
    }

    /** A remote secret's preview is a template of placeholders: it holds no secret value to hide. */
    public boolean hasSecrets() {
        return manifest != null && manifest.hasSecrets() && !isRemoteSecret();
    }

    /**
     * Exactly what gets applied (or handed to helm), except secret values, which are replaced by a note; for a remote
     * secret, the template with the placeholders that the apply fills in from a live token.
     */
    public String previewYaml() {
        if (isRemoteSecret()) {
            return manifest.yaml();
        }
        return manifest != null ? manifest.previewYaml() : helmValues.yaml();
    }

    private boolean isRemoteSecret() {
        return manifest != null && manifest.method() == ApplyMethod.REMOTE_SECRET;
    }

    /** How this file reaches its cluster, in one sentence. */
    public String note() {
        if (helmValues != null) {
            return "Values of Istio's " + helmValues.chart() + " chart for the Helm path (apply-helm.sh, or apply with the control plane"
                    + " installed by Helm); the istioctl path does not use them.";
        }
        return switch (manifest.method()) {
            case API -> manifest.hasSecrets()
                    ? "Applied through the API server. Holds a private key: the preview hides it, the exported file has it (mode 0600)."
                    : "Applied through the API server.";
            case ISTIOCTL -> "Installed with istioctl install -f (or by an in-cluster Istio operator).";
            case ALTERNATIVE -> "Export only, never applied by crossmesh: the east-west gateway as an istioctl overlay (istioctl install -f), an"
                    + " alternative to the plain objects that follow, which are what crossmesh applies.";
            case REMOTE_SECRET -> "A template: crossmesh makes this Secret at apply time, filling the values in <…> from a live token of the source"
                    + " cluster. The export has no such file: its apply.sh makes the Secret with istioctl create-remote-secret.";
        };
    }

    public String key() {
        return manifest != null ? key(manifest.cluster(), manifest.kind(), manifest.namespace(), manifest.name())
                : key(helmValues.cluster(), "HelmValues", "", helmValues.name());
    }

    static String key(String cluster, String kind, String namespace, String name) {
        return cluster + "/" + kind + "/" + namespace + "/" + name;
    }
}
