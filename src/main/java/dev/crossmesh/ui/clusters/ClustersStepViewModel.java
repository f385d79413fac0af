package dev.crossmesh.ui.clusters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.crossmesh.kube.KubeContext;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.DialogService.FileKind;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.BaseStepViewModel;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.core.UserMessages;

/**
 * Step 1: the kubeconfig contexts, which of them make the mesh, and whether their clusters answer.
 * Picking a context adds a cluster to the plan; the plan stays the source of truth for what is picked.
 */
public final class ClustersStepViewModel extends BaseStepViewModel {
    public static final int MIN_CLUSTERS = 2;
    // the live topology stays readable up to 10 clusters; the CLI allows more for load tests
    public static final int MAX_DEMO_CLUSTERS = 10;

    private final PlanModel planModel;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ClusterChecker checker;
    private final DemoLauncher demoLauncher;
    private final FileWatcher fileWatcher;

    private final ObservableList<ContextRow> rows = FXCollections.observableArrayList();
    /** Handed out as one instance: a new unmodifiable wrapper per call would lose its listeners once collected. */
    private final ObservableList<ContextRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<Path> sources = FXCollections.observableArrayList();
    private final ObservableList<Path> sourcesView = FXCollections.unmodifiableObservableList(sources);
    private final ReadOnlyObjectWrapper<Kubeconfigs> kubeconfigs = new ReadOnlyObjectWrapper<>(this, "kubeconfigs");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadProblem = new ReadOnlyStringWrapper(this, "loadProblem", "");
    private final ReadOnlyIntegerWrapper pickedCount = new ReadOnlyIntegerWrapper(this, "pickedCount");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper demoRunning = new ReadOnlyBooleanWrapper(this, "demoRunning");
    private final ReadOnlyBooleanWrapper demoBusy = new ReadOnlyBooleanWrapper(this, "demoBusy");

    private final Map<String, ContextRow> rowsByName = new HashMap<>();
    /**
     * Contexts picked in this session: their region may be filled from the cluster's answer. A plan opened from a
     * file keeps what it says, so that opening it does not by itself make unsaved changes.
     */
    private final Set<String> pickedHere = new java.util.HashSet<>();
    private DemoLauncher.Running demo;
    /** Contexts of demo clusters just started: picked as soon as the kubeconfig read lists them, as the user asked for them. */
    private final Set<String> pickWhenListed = new LinkedHashSet<>();
    private AutoCloseable watch;
    private long loadSequence;
    /** True while rows are set from the plan, so that those changes are not written back to it. */
    private boolean syncing;

    public ClustersStepViewModel(PlanModel planModel, TaskExecutor executor, DialogService dialogs, ClusterChecker checker,
            DemoLauncher demoLauncher, FileWatcher fileWatcher, List<Path> kubeconfigFiles) {
        this.planModel = planModel;
        this.executor = executor;
        this.dialogs = dialogs;
        this.checker = checker;
        this.demoLauncher = demoLauncher;
        this.fileWatcher = fileWatcher;
        sources.setAll(kubeconfigFiles);
        kubeconfigs.set(Kubeconfigs.of(List.copyOf(sources)));
        valid.bind(pickedCount.greaterThanOrEqualTo(MIN_CLUSTERS));
        blocker.bind(Bindings.createStringBinding(() -> pickedCount.get() >= MIN_CLUSTERS ? ""
                : "Pick at least two contexts: a mesh across networks joins two or more clusters (" + pickedCount.get() + " picked).", pickedCount));
        planModel.planProperty().addListener((obs, old, plan) -> syncFromPlan(plan));
        planModel.addReplacedListener(plan -> {
            pickedHere.clear();
            checkAgain();
        });
        syncFromPlan(planModel.plan());
        watchSources();
        refresh();
    }

    // Properties

    public ObservableList<ContextRow> rows() {
        return rowsView;
    }

    /** The kubeconfig files read, in kubectl's merge order. */
    public ObservableList<Path> sources() {
        return sourcesView;
    }

    /** The kubeconfig files in effect; the steps that talk to clusters (preview diff, apply, live) use them. */
    public ReadOnlyObjectProperty<Kubeconfigs> kubeconfigsProperty() {
        return kubeconfigs.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the kubeconfig could not be read; "" when it could. */
    public ReadOnlyStringProperty loadProblemProperty() {
        return loadProblem.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pickedCountProperty() {
        return pickedCount.getReadOnlyProperty();
    }


    /** Picked, reachable, checking, unreachable: one line under the table. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The outcome of the last command (demo started, kubeconfig added); "" when there is nothing to say. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoRunningProperty() {
        return demoRunning.getReadOnlyProperty();
    }

    /** Demo clusters are being started or stopped. */
    public ReadOnlyBooleanProperty demoBusyProperty() {
        return demoBusy.getReadOnlyProperty();
    }

    public Optional<ContextRow> row(String context) {
        return Optional.ofNullable(rowsByName.get(context));
    }

    // Commands

    /** Reads the kubeconfig files again (in the background) and updates the rows in place. */
    public void refresh() {
        long sequence = ++loadSequence;
        Kubeconfigs files = Kubeconfigs.of(List.copyOf(sources));
        kubeconfigs.set(files);
        loading.set(true);
        executor.run(files::contexts, contexts -> {
            if (sequence == loadSequence) {
                loading.set(false);
                loadProblem.set("");
                applyContexts(contexts);
            }
        }, failure -> {
            if (sequence == loadSequence) {
                loading.set(false);
                loadProblem.set(UserMessages.describe(failure));
                applyContexts(List.of());
            }
        });
    }

    public void setPicked(ContextRow row, boolean value) {
        row.pickedProperty().set(value);
    }

    /** Asks for another kubeconfig file and reads its contexts too (the first definition of a name wins, as in kubectl). */
    public void openKubeconfig() {
        Path start = sources.isEmpty() ? null : sources.get(0).toAbsolutePath().getParent();
        dialogs.chooseFileToOpen("Open a kubeconfig", start, List.of(new FileKind("Kubeconfig files", List.of("*")), FileKind.YAML))
                .ifPresent(this::addSource);
    }

    public void addSource(Path file) {
        if (!sources.contains(file)) {
            sources.add(file);
            watchSources();
        }
        message.set("Reading contexts from " + file);
        refresh();
    }

    /** Asks how many, then starts that many demo clusters in the background and lists their contexts. */
    public void startDemo() {
        if (demo != null || demoBusy.get()) {
            return;
        }
        Optional<Integer> count = dialogs.askNumber("Start demo clusters",
                "How many demo clusters? Each is a small Kubernetes API server inside crossmesh, on this machine; "
                        + "they stop when crossmesh closes.", MIN_CLUSTERS, MAX_DEMO_CLUSTERS, MIN_CLUSTERS);
        if (count.isEmpty()) {
            return;
        }
        demoBusy.set(true);
        message.set("Starting " + count.get() + " demo clusters…");
        executor.run(() -> demoLauncher.start(count.get()), running -> {
            demoBusy.set(false);
            demo = running;
            demoRunning.set(true);
            message.set("Started " + running.contexts().size() + " demo clusters: " + String.join(", ", running.contexts())
                    + ". They are picked; untick the ones the mesh should leave out.");
            pickWhenListed.addAll(running.contexts());
            addSourceQuietly(running.kubeconfig());
        }, failure -> {
            demoBusy.set(false);
            message.set("");
            dialogs.showError("Demo clusters did not start", "The demo clusters could not start: " + UserMessages.describe(failure)
                    + ". Check that this machine lets programs listen on 127.0.0.1, then try again.");
        });
    }

    public void stopDemo() {
        DemoLauncher.Running running = demo;
        if (running == null || demoBusy.get()) {
            return;
        }
        demoBusy.set(true);
        executor.run(() -> {
            running.close();
            return running.kubeconfig();
        }, kubeconfig -> {
            demo = null;
            demoBusy.set(false);
            demoRunning.set(false);
            sources.remove(kubeconfig);
            message.set("Stopped the demo clusters.");
            watchSources();
            refresh();
        }, failure -> {
            demoBusy.set(false);
            message.set("The demo clusters did not stop cleanly: " + UserMessages.describe(failure));
        });
    }

    /** Checks every picked cluster again, e.g. after starting a VPN. */
    public void checkAgain() {
        rows.stream().filter(ContextRow::isPicked).filter(r -> !r.isMissing()).forEach(this::probe);
    }

    /** Stops watching files and stops demo clusters this step started: called when the app exits. */
    public void close() {
        closeWatch();
        if (demo != null) {
            demo.close();
            demo = null;
            demoRunning.set(false);
        }
    }

    // internals

    private void addSourceQuietly(Path file) {
        if (!sources.contains(file)) {
            sources.add(file);
            watchSources();
        }
        refresh();
    }

    private void watchSources() {
        closeWatch();
        try {
            watch = fileWatcher.watch(List.copyOf(sources), () -> executor.onUiThread(this::refresh));
        } catch (java.io.IOException e) {
            // without a watch the list still refreshes on demand; nothing the user must act on
            watch = null;
        }
    }

    private void closeWatch() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                // stopping a watch cannot fail in a way that matters
            }
            watch = null;
        }
    }

    private void applyContexts(List<KubeContext> contexts) {
        Set<String> inPlan = planContexts(planModel.plan());
        List<ContextRow> ordered = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (KubeContext ctx : contexts) {
            seen.add(ctx.name());
            ContextRow row = rowsByName.get(ctx.name());
            if (row == null) {
                row = newRow(ctx.name(), ctx);
            } else {
                KubeContext before = row.context();
                row.setContext(ctx);
                boolean changed = before == null || !Objects.equals(before.server(), ctx.server()) || !Objects.equals(before.user(), ctx.user());
                if (changed && row.isPicked()) {
                    row.setReachability(Reachability.NOT_CHECKED);
                }
            }
            ordered.add(row);
        }
        // a picked context that no file defines any more stays, marked, so the plan does not silently lose a cluster
        for (ContextRow row : rows) {
            if (!seen.contains(row.name()) && (row.isPicked() || inPlan.contains(row.name()))) {
                row.setContext(null);
                row.setReachability(Reachability.notInKubeconfig(row.name()));
                ordered.add(row);
                seen.add(row.name());
            }
        }
        for (String context : inPlan) {
            if (!seen.contains(context)) {
                ContextRow row = rowsByName.computeIfAbsent(context, n -> newRow(n, null));
                row.setReachability(Reachability.notInKubeconfig(context));
                ordered.add(row);
            }
        }
        rowsByName.keySet().retainAll(ordered.stream().map(ContextRow::name).collect(Collectors.toSet()));
        rows.setAll(ordered);
        syncFromPlan(planModel.plan());
        for (ContextRow row : ordered) {
            if (pickWhenListed.remove(row.name()) && !row.isPicked() && !row.isMissing()) {
                row.pickedProperty().set(true);
            }
        }
        ordered.stream().filter(ContextRow::isPicked).filter(r -> !r.isMissing())
                .filter(r -> r.reachability().state() == Reachability.State.NOT_CHECKED || r.reachability().state() == Reachability.State.NOT_IN_KUBECONFIG)
                .forEach(this::probe);
        updateSummary();
    }

    private ContextRow newRow(String name, KubeContext ctx) {
        ContextRow row = new ContextRow(name, ctx);
        rowsByName.put(name, row);
        row.pickedProperty().addListener((obs, was, picked) -> picked(row, picked));
        row.reachabilityProperty().addListener((obs, was, now) -> updateSummary());
        return row;
    }

    private void picked(ContextRow row, boolean picked) {
        if (syncing) {
            return;
        }
        if (picked) {
            pickedHere.add(row.name());
            String region = row.reachability().region();
            planModel.update(p -> ClusterSelection.add(p, row.name(), region));
            if (!row.isMissing() && row.reachability().state() != Reachability.State.REACHABLE) {
                probe(row);
            }
        } else {
            planModel.update(p -> ClusterSelection.remove(p, row.name()));
        }
    }

    private void probe(ContextRow row) {
        long sequence = row.nextProbe();
        Kubeconfigs files = kubeconfigs.get();
        row.setReachability(Reachability.CHECKING);
        executor.run(() -> checker.check(files, row.name()), result -> {
            if (row.isLatestProbe(sequence)) {
                row.setReachability(Reachability.of(result));
                if (result.reachable() && !result.region().isEmpty() && pickedHere.contains(row.name())) {
                    planModel.update(p -> ClusterSelection.fillRegion(p, row.name(), result.region()));
                }
            }
        }, failure -> {
            if (row.isLatestProbe(sequence)) {
                row.setReachability(Reachability.unreachable(UserMessages.describe(failure)));
            }
        });
    }

    private void syncFromPlan(MeshPlan plan) {
        Set<String> contexts = planContexts(plan);
        syncing = true;
        try {
            for (String context : contexts) {
                if (!rowsByName.containsKey(context)) {
                    ContextRow row = newRow(context, null);
                    row.setReachability(loading.get() ? Reachability.NOT_CHECKED : Reachability.notInKubeconfig(context));
                    rows.add(row);
                }
            }
            for (ContextRow row : rows) {
                row.pickedProperty().set(contexts.contains(row.name()));
            }
        } finally {
            syncing = false;
        }
        pickedCount.set(contexts.size());
        updateSummary();
    }

    private static Set<String> planContexts(MeshPlan plan) {
        return plan.clusters().stream().map(ClusterSpec::context).filter(c -> !c.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private void updateSummary() {
        List<ContextRow> picked = rows.stream().filter(ContextRow::isPicked).toList();
        if (picked.isEmpty()) {
            summary.set(rows.isEmpty() ? "" : "No context picked yet.");
            return;
        }
        long reachable = picked.stream().filter(r -> r.reachability().state() == Reachability.State.REACHABLE).count();
        long checking = picked.stream().filter(r -> r.reachability().state() == Reachability.State.CHECKING).count();
        long failing = picked.stream().filter(r -> r.reachability().state() == Reachability.State.UNREACHABLE
                || r.reachability().state() == Reachability.State.NOT_IN_KUBECONFIG).count();
        StringBuilder text = new StringBuilder(picked.size() + " picked: "
                + picked.stream().map(ContextRow::name).collect(Collectors.joining(", ")) + ". ");
        text.append(reachable).append(" reachable");
        if (checking > 0) {
            text.append(", ").append(checking).append(" being checked");
        }
        if (failing > 0) {
            text.append(", ").append(failing).append(" not reachable: you can still preview and export, but not apply to ")
                    .append(failing == 1 ? "it" : "them");
        }
        summary.set(text.append('.').toString());
    }
}
