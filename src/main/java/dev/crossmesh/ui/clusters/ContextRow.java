package dev.crossmesh.ui.clusters;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import dev.crossmesh.kube.KubeContext;

/**
 * One kubeconfig context in the Clusters step. A row lives as long as its context name: when the kubeconfig is
 * read again its facts are updated in place, so that the Networks step can keep watching it.
 */
public final class ContextRow {
    private final String name;
    private final ReadOnlyObjectWrapper<KubeContext> context = new ReadOnlyObjectWrapper<>(this, "context");
    private final BooleanProperty picked = new SimpleBooleanProperty(this, "picked");
    private final ReadOnlyObjectWrapper<Reachability> reachability = new ReadOnlyObjectWrapper<>(this, "reachability", Reachability.NOT_CHECKED);
    /** Which probe's answer counts: an answer to an older probe (before a re-pick or a kubeconfig change) is dropped. */
    private long probeSequence;

    ContextRow(String name, KubeContext context) {
        this.name = name;
        this.context.set(context);
    }

    public String name() {
        return name;
    }

    // Properties

    /** The context as the kubeconfig defines it; null when the plan names a context no kubeconfig file has. */
    public ReadOnlyObjectProperty<KubeContext> contextProperty() {
        return context.getReadOnlyProperty();
    }

    public KubeContext context() {
        return context.get();
    }

    public BooleanProperty pickedProperty() {
        return picked;
    }

    public boolean isPicked() {
        return picked.get();
    }

    public ReadOnlyObjectProperty<Reachability> reachabilityProperty() {
        return reachability.getReadOnlyProperty();
    }

    public Reachability reachability() {
        return reachability.get();
    }

    public boolean isMissing() {
        return context.get() == null;
    }

    public boolean isDemo() {
        return context.get() != null && context.get().demo();
    }

    public boolean isCurrent() {
        return context.get() != null && context.get().current();
    }

    public String server() {
        return context.get() == null ? "" : context.get().server();
    }

    public String user() {
        return context.get() == null ? "" : context.get().user();
    }

    public String namespace() {
        return context.get() == null ? "" : context.get().namespace();
    }

    // package-private: only the step changes them

    void setContext(KubeContext value) {
        context.set(value);
    }

    void setReachability(Reachability value) {
        reachability.set(value);
    }

    long nextProbe() {
        return ++probeSequence;
    }

    boolean isLatestProbe(long sequence) {
        return sequence == probeSequence;
    }
}
