package dev.crossmesh.ui.core;

/** The wizard's steps, in order, with what the header and the page title say about each. */
public enum WizardStep {
    CLUSTERS("Clusters", "Pick the kubeconfig contexts of the clusters that make the mesh: two or more."),
    MESH("Mesh", "Name the mesh and choose its Istio, topology, root of trust and east-west gateway."),
    NETWORKS("Networks", "Name each cluster and the network it sits in; clusters in different networks talk through east-west gateways."),
    PREVIEW("Preview", "Every manifest, per cluster in apply order (secret values hidden); export-only files are marked."),
    APPLY("Apply", "A server-side dry run first, then apply, with progress and a log per cluster."),
    LIVE("Live", "The mesh as the clusters report it: control planes, east-west gateways and their addresses.");

    private final String title;
    private final String purpose;

    WizardStep(String title, String purpose) {
        this.title = title;
        this.purpose = purpose;
    }

    public String title() {
        return title;
    }

    /** One sentence under the page title. */
    public String purpose() {
        return purpose;
    }

    /** 1-based, as the header numbers the steps. */
    public int number() {
        return ordinal() + 1;
    }
}
