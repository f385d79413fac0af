package dev.crossmesh.ui.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ControlPlaneMode;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.ui.apply.ApplyService.ClusterOutcome;
import dev.crossmesh.ui.apply.ApplyService.Outcome;
import dev.crossmesh.ui.apply.ApplyService.Update;
import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.BaseStepViewModel;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.core.UiBatcher;
import dev.crossmesh.ui.core.UserMessages;
import dev.crossmesh.ui.preview.ApplyCount;
import dev.crossmesh.ui.preview.Rendering;

/**
 * Step 5: a dry run of what the Preview rendered, then (asked for once more, with what the dry run found) the
 * apply, with progress, a log per cluster and step, the gateway addresses as they arrive, cancel between steps,
 * and an account per cluster at the end. Next (to Live) opens once an apply of the current rendering succeeded.
 */
public final class ApplyStepViewModel extends BaseStepViewModel {
    /** The step's main (accented, default) action: the dry run, then Apply, then Next once applied. */
    public enum MainAction {
        DRY_RUN, APPLY, NEXT
    }

    public enum State {
        /** No dry run yet for what the preview shows. */
        IDLE,
        DRY_RUNNING,
        /** The dry run found nothing that would fail: Apply is next. */
        DRY_RUN_PASSED,
        /** The dry run found steps that would fail or be refused; the problems say which. */
        DRY_RUN_FAILED,
        APPLYING,
        /** Stopped between steps by Cancel; Run again applies the rest. */
        CANCELLED,
        /** Some steps failed or were refused; Run again after a fix applies the rest. */
        FAILED,
        SUCCEEDED
    }

    private final PlanModel planModel;
    private final ObservableValue<Rendering> rendering;
    private final ObservableValue<Kubeconfigs> kubeconfigs;
    private final ApplyService service;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UiBatcher<Update> updates;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling");
    private final ReadOnlyBooleanWrapper canDryRun = new ReadOnlyBooleanWrapper(this, "canDryRun");
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper(this, "canApply");
    private final ReadOnlyBooleanWrapper dryRunPassed = new ReadOnlyBooleanWrapper(this, "dryRunPassed");
    private final ReadOnlyStringWrapper applyLabel = new ReadOnlyStringWrapper(this, "applyLabel", "Apply");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyObjectWrapper<ApplyCount> count = new ReadOnlyObjectWrapper<>(this, "count");
    private final ReadOnlyBooleanWrapper summaryOfDryRun = new ReadOnlyBooleanWrapper(this, "summaryOfDryRun");
    private final ReadOnlyObjectWrapper<MainAction> mainAction = new ReadOnlyObjectWrapper<>(this, "mainAction", MainAction.DRY_RUN);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<ApplyLogEntry> log = FXCollections.observableArrayList();
    private final FilteredList<ApplyLogEntry> shownLog = new FilteredList<>(FXCollections.unmodifiableObservableList(log));
    private final StringProperty logFilter = new SimpleStringProperty(this, "logFilter", "");
    private final ObservableList<String> clusterNames = FXCollections.observableArrayList();
    private final ObservableList<String> clusterNamesView = FXCollections.unmodifiableObservableList(clusterNames);
    private final ObservableList<GatewayRow> gateways = FXCollections.observableArrayList();
    private final ObservableList<GatewayRow> gatewaysView = FXCollections.unmodifiableObservableList(gateways);
    private final ObservableList<ClusterOutcome> summary = FXCollections.observableArrayList();
    private final ObservableList<ClusterOutcome> summaryView = FXCollections.unmodifiableObservableList(summary);
    private final BooleanProperty takeOver = new SimpleBooleanProperty(this, "takeOver");
    private final ObjectProperty<ControlPlaneMode> controlPlane = new SimpleObjectProperty<>(this, "controlPlane", ControlPlaneMode.AUTO);

    /** Row of each (cluster, step) in the log, so that a step's later events replace its line. */
    private final Map<String, Integer> logRows = new HashMap<>();
    private Rendering dryRunFor;
    private Outcome dryRunOutcome;
    private Rendering appliedFor;
    private Rendering shownFor;
    /** What the step showed after the dry run of {@link #dryRunFor} and after the apply of {@link #appliedFor}, to show again. */
    private RunView dryRunView;
    private RunView appliedView;
    /** The latest run was the dry run: going back to its rendering shows it rather than the apply before it. */
    private boolean dryRunAfterApply;
    private CancelToken cancel;
    /** The latest run's request: its control-plane mode says which count its account is of. */
    private ApplyService.Request request;
    private long startedAt;

    public ApplyStepViewModel(PlanModel planModel, ObservableValue<Rendering> rendering, ObservableValue<Kubeconfigs> kubeconfigs,
            ApplyService service, TaskExecutor executor, DialogService dialogs) {
        this.planModel = planModel;
        this.rendering = rendering;
        this.kubeconfigs = kubeconfigs;
        this.service = service;
        this.executor = executor;
        this.dialogs = dialogs;
        this.updates = new UiBatcher<>(executor, this::show);
        logFilter.addListener((obs, o, cluster) -> shownLog.setPredicate(cluster == null || cluster.isEmpty() ? null
                : e -> e.cluster().equals(cluster)));
        rendering.addListener((obs, o, now) -> renderingChanged());
        planModel.planProperty().addListener((obs, o, now) -> update());
        state.addListener((obs, o, now) -> update());
        takeOver.addListener((obs, o, now) -> optionChanged(now ? "Objects crossmesh did not create will be taken over: run the dry run again to see what that changes."
                : "Objects crossmesh did not create will be left alone: run the dry run again."));
        controlPlane.addListener((obs, o, now) -> {
            if (now == null) {
                controlPlane.set(ControlPlaneMode.AUTO);
                return;
            }
            optionChanged("The control plane will be installed " + describe(now) + ": run the dry run again to see what that does.");
        });
        renderingChanged();
    }

    // Properties

    public boolean available() {
        return service.available();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** A dry run or an apply is under way. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Cancel was pressed; the run stops after the step in progress. */
    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    /**
     * Objects that exist without crossmesh's labels are changed to match the plan and labelled as crossmesh's (as
     * {@code crossmesh apply --force}); else they are left alone and the step says so. A dry run that passed without
     * it does not count with it, and the other way round.
     */
    public BooleanProperty takeOverProperty() {
        return takeOver;
    }

    /**
     * How the control plane is installed, as {@code crossmesh apply --control-plane}: on the Helm path with Istio's
     * charts and the values files the Preview shows. A dry run of another choice does not count for this one.
     */
    public ObjectProperty<ControlPlaneMode> controlPlaneProperty() {
        return controlPlane;
    }

    /** A choice as the step's list shows it: {@code Control plane: Helm charts}. */
    public static String choiceLabel(ControlPlaneMode mode) {
        return "Control plane: " + switch (mode) {
            case AUTO -> "automatic";
            case ISTIOCTL -> "istioctl";
            case OPERATOR -> "Istio operator";
            case HELM -> "Helm charts";
            case SKIP -> "leave as is";
        };
    }

    /** How each choice installs the control plane, in words, for the headline and the confirmation. */
    public static String describe(ControlPlaneMode mode) {
        return switch (mode) {
            case AUTO -> "automatically (the Istio operator where it runs, else istioctl, else by hand)";
            case ISTIOCTL -> "with istioctl";
            case OPERATOR -> "by the in-cluster Istio operator";
            case HELM -> "with Istio's Helm charts (base, istiod, gateway)";
            case SKIP -> "some other way (left alone)";
        };
    }

    public ReadOnlyBooleanProperty canDryRunProperty() {
        return canDryRun.getReadOnlyProperty();
    }

    /** A dry run of the current rendering passed and nothing runs: Apply (or Run again) may be pressed. */
    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    /** Until it is true the dry run is the step's main action; then Apply is. */
    public ReadOnlyBooleanProperty dryRunPassedProperty() {
        return dryRunPassed.getReadOnlyProperty();
    }

    /** "Apply", or "Run again" after an apply that failed or was cancelled. */
    public ReadOnlyStringProperty applyLabelProperty() {
        return applyLabel.getReadOnlyProperty();
    }

    /** Steps done / steps expected, 0..1; -1 (indeterminate) while the run has not reported yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** e.g. {@code 14 of 42 steps}. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The steps applying the shown rendering takes, by kind, with the chosen control-plane mode: the count every line gives. */
    public ReadOnlyObjectProperty<ApplyCount> countProperty() {
        return count.getReadOnlyProperty();
    }

    /** The summary is of a dry run: its counts "would apply". */
    public ReadOnlyBooleanProperty summaryOfDryRunProperty() {
        return summaryOfDryRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MainAction> mainActionProperty() {
        return mainAction.getReadOnlyProperty();
    }

    /** What the step is doing or found, in one sentence. */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** What failed, per step: "cluster · step: what is wrong and what to do". */
    public ObservableList<String> problems() {
        return problemsView;
    }

    /** The log as filtered by {@link #logFilterProperty()}, oldest first. */
    public ObservableList<ApplyLogEntry> log() {
        return shownLog;
    }

    /** The cluster whose log lines are shown, or "" for all. */
    public StringProperty logFilterProperty() {
        return logFilter;
    }

    /** The clusters of the rendering, in plan order: the log filter's choices. */
    public ObservableList<String> clusterNames() {
        return clusterNamesView;
    }

    /** Per cluster in plan order: its east-west gateway address, or why it has none yet. */
    public ObservableList<GatewayRow> gateways() {
        return gatewaysView;
    }

    /** After a run, per cluster: applied, unchanged, failed, not attempted. */
    public ObservableList<ClusterOutcome> summary() {
        return summaryView;
    }


    // Commands

    /** Sends every object with dryRun=All: the API servers check it and nothing changes. */
    public void dryRun() {
        if (canDryRun.get()) {
            start(true);
        }
    }

    /** Asks once more, with what the dry run found, then applies. Also "Run again" after a failure or a cancel. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        Rendering current = rendering.getValue();
        List<String> names = current.plan().clusters().stream().map(ClusterSpec::name).toList();
        String title = "Apply " + current.plan().meshId() + " to " + names.size() + " clusters?";
        StringBuilder message = new StringBuilder();
        ApplyCount steps = count.get();
        int changes = dryRunOutcome == null ? -1 : dryRunOutcome.total(ClusterOutcome::applied);
        if (changes == 0) {
            message.append("The dry run found nothing to change: applying again leaves the clusters ").append(String.join(", ", names))
                    .append(" as they are (").append(dryRunOutcome.total(ClusterOutcome::unchanged)).append(" of the ").append(steps.steps())
                    .append(" steps unchanged).");
        } else {
            message.append("This changes the clusters ").append(String.join(", ", names)).append(": ").append(steps.describe()).append('.');
        }
        if (dryRunOutcome != null && changes != 0) {
            message.append("\n\nThe dry run found ").append(dryRunOutcome.total(ClusterOutcome::created)).append(" to create, ")
                    .append(dryRunOutcome.total(ClusterOutcome::updated)).append(" to update and ")
                    .append(dryRunOutcome.total(ClusterOutcome::unchanged)).append(" unchanged");
            for (ClusterOutcome c : dryRunOutcome.clusters()) {
                message.append("\n  ").append(c.cluster()).append(": ").append(c.created()).append(" to create, ")
                        .append(c.updated()).append(" to update, ").append(c.unchanged()).append(" unchanged");
            }
            message.append('.');
        }
        if (appliedOnce()) {
            message.append("\n\nSteps applied before are left as they are; the rest is applied.");
        }
        if (takeOver.get()) {
            message.append("\n\nObjects that exist without crossmesh's labels are taken over (--force): changed to match the plan and"
                    + " labelled; uninstall leaves them in place.");
        }
        if (controlPlane.get() != ControlPlaneMode.AUTO) {
            message.append("\n\nThe control plane is installed ").append(describe(controlPlane.get())).append('.');
        }
        message.append("\n\nYou can cancel between steps.");
        if (dialogs.confirm(title, message.toString(), applyLabel.get())) {
            start(false);
        }
    }

    /** Stops the run after the step in progress; waits (for a gateway address, a token) end at once. */
    public void cancel() {
        if (running.get() && cancel != null && !cancelling.get()) {
            cancelling.set(true);
            cancel.cancel();
            headline.set("Cancelling: stopping after the step in progress…");
        }
    }

    @Override
    public void entered() {
        update();
    }

    // internals

    private boolean isCurrent() {
        Rendering r = rendering.getValue();
        return r != null && r.plan().equals(planModel.plan());
    }

    /** Something was applied and the plan or its rendering is not byte for byte what was. */
    private boolean differsFromApplied() {
        return appliedFor != null && (!isCurrent() || !Rendering.sameBytes(rendering.getValue(), appliedFor));
    }

    private String differsText() {
        return "Changed since the apply: the plan differs from what is applied, and the clusters still run the mesh as applied (Next shows it"
                + " live). " + (isCurrent() ? "Run a dry run, then Apply, to change them." : "Look at the Preview, then run a dry run and Apply to change them.");
    }

    private boolean appliedOnce() {
        return state.get() == State.FAILED || state.get() == State.CANCELLED || state.get() == State.SUCCEEDED;
    }

    private void renderingChanged() {
        if (running.get()) {
            // the run goes on with what it started with; update() keeps its result from opening Live for the new plan
            update();
            return;
        }
        Rendering now = rendering.getValue();
        if (Rendering.sameBytes(now, shownFor)) {
            // rendered again to the same bytes (an edit undone): what the runs found still holds
            shownFor = now;
            update();
            return;
        }
        shownFor = now;
        if (dryRunView != null && (appliedFor == null || dryRunAfterApply) && Rendering.sameBytes(now, dryRunFor)) {
            restore(dryRunView);
        } else if (appliedView != null && Rendering.sameBytes(now, appliedFor)) {
            restore(appliedView);
        } else if (appliedView != null) {
            // Live keeps showing the applied mesh: its log, gateway addresses and account stay until the next run
            restore(appliedView);
            state.set(State.IDLE);
            headline.set(differsText());
        } else {
            clear(now);
            state.set(State.IDLE);
            headline.set("");
        }
        update();
    }

    private RunView snapshot() {
        return new RunView(state.get(), headline.get(), List.copyOf(log), Map.copyOf(logRows), List.copyOf(problems), List.copyOf(summary),
                List.copyOf(gateways), List.copyOf(clusterNames), progress.get(), progressText.get(), summaryOfDryRun.get());
    }

    private void restore(RunView view) {
        log.setAll(view.log());
        logRows.clear();
        logRows.putAll(view.logRows());
        problems.setAll(view.problems());
        summary.setAll(view.summary());
        clusterNames.setAll(view.clusterNames());
        gateways.setAll(view.gateways());
        progress.set(view.progress());
        progressText.set(view.progressText());
        summaryOfDryRun.set(view.summaryOfDryRun());
        logFilter.set("");
        state.set(view.state());
        headline.set(view.headline());
    }

    /** What the step shows of one run, kept so that going back to the run's rendering shows it again. */
    private record RunView(State state, String headline, List<ApplyLogEntry> log, Map<String, Integer> logRows, List<String> problems,
            List<ClusterOutcome> summary, List<GatewayRow> gateways, List<String> clusterNames, double progress, String progressText,
            boolean summaryOfDryRun) {
    }

    /** The dry run was of another choice (take over, control plane): what it said no longer holds. */
    private void optionChanged(String why) {
        if (running.get()) {
            // the view disables the choice during a run; a run goes on with what it started with
            return;
        }
        if (dryRunFor != null || state.get() == State.DRY_RUN_FAILED) {
            dryRunFor = null;
            dryRunOutcome = null;
            dryRunView = null;
            if (state.get() == State.DRY_RUN_PASSED || state.get() == State.DRY_RUN_FAILED) {
                state.set(State.IDLE);
            }
            headline.set(why);
        }
        update();
    }

    private void clear(Rendering now) {
        log.clear();
        logRows.clear();
        problems.clear();
        summary.clear();
        progress.set(0);
        progressText.set("");
        logFilter.set("");
        List<String> names = now == null ? List.of() : now.plan().clusters().stream().map(ClusterSpec::name).toList();
        clusterNames.setAll(names);
        gateways.setAll(names.stream().map(n -> new GatewayRow(n, "", "not applied yet")).toList());
    }

    private void start(boolean dry) {
        Rendering current = rendering.getValue();
        clear(current);
        cancel = new CancelToken();
        cancelling.set(false);
        running.set(true);
        progress.set(-1);
        startedAt = System.nanoTime();
        state.set(dry ? State.DRY_RUNNING : State.APPLYING);
        int clusters = current.plan().clusters().size();
        headline.set(dry ? "Dry run on " + clusters + " clusters: the API servers check every object, nothing is changed…"
                : "Applying to " + clusters + " clusters…");
        ApplyService.Request request = new ApplyService.Request(current, kubeconfigs.getValue(), dry, takeOver.get(), controlPlane.get());
        this.request = request;
        CancelToken token = cancel;
        executor.run(() -> service.apply(request, updates::add, token), outcome -> finished(current, outcome),
                failure -> crashed(dry, failure));
    }

    private void show(List<Update> batch) {
        for (Update u : batch) {
            log(u);
            if (u.aboutGateway()) {
                gateway(u);
            }
            if (u.stepsTotal() > 0) {
                progress.set((double) u.stepsDone() / u.stepsTotal());
                progressText.set(u.stepsDone() + " of " + u.stepsTotal() + " steps");
            }
        }
    }

    private void log(Update u) {
        ApplyLogEntry entry = new ApplyLogEntry(u.cluster(), u.step(), u.status(), u.message());
        boolean note = u.step().isEmpty() || u.status() == Update.Status.INFO;
        String key = u.cluster() + "\n" + u.step();
        Integer row = note ? null : logRows.get(key);
        if (row != null) {
            log.set(row, entry);
        } else {
            log.add(entry);
            if (!note) {
                logRows.put(key, log.size() - 1);
            }
        }
    }

    private void gateway(Update u) {
        for (int i = 0; i < gateways.size(); i++) {
            if (gateways.get(i).cluster().equals(u.cluster())) {
                GatewayRow row = switch (u.status()) {
                    case DONE -> new GatewayRow(u.cluster(), u.gatewayAddress(), "");
                    case WAITING, STARTED -> new GatewayRow(u.cluster(), "", "pending: waiting for the load balancer to give an address");
                    default -> new GatewayRow(u.cluster(), "", u.gatewayPending().isEmpty() ? u.message() : "pending: " + u.gatewayPending());
                };
                gateways.set(i, row);
                return;
            }
        }
    }

    private void finished(Rendering ranFor, Outcome outcome) {
        updates.drain();
        running.set(false);
        cancelling.set(false);
        summaryOfDryRun.set(outcome.dryRun());
        summary.setAll(outcome.clusters());
        problems.setAll(outcome.problems());
        outcome.gatewayAddresses().forEach((cluster, address) -> gateway(new Update(cluster, ApplyService.GATEWAY_STEP, Update.Status.DONE,
                address, address, "", 0, 0)));
        for (int i = 0; i < gateways.size(); i++) {
            GatewayRow row = gateways.get(i);
            if (!row.hasAddress() && row.note().equals("not applied yet")) {
                gateways.set(i, new GatewayRow(row.cluster(), "", outcome.dryRun() ? "dry run: an address comes with the apply"
                        : "pending: the apply stopped before the gateway (see the log)"));
            }
        }
        String elapsed = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedAt) / 1e9);
        int applied = outcome.total(ClusterOutcome::applied);
        int failed = outcome.total(ClusterOutcome::failed);
        if (outcome.succeeded()) {
            progress.set(1);
        }
        if (outcome.dryRun()) {
            dryRunOutcome = outcome;
            if (outcome.succeeded()) {
                dryRunFor = ranFor;
                state.set(State.DRY_RUN_PASSED);
                headline.set("Dry run passed in " + elapsed + ": " + account(outcome, ranFor) + ". Nothing was changed. "
                        + (applied == 0 ? "Nothing to apply: the clusters are as the plan says." : "Press Apply to apply them."));
                dryRunView = snapshot();
                dryRunAfterApply = true;
            } else {
                dryRunFor = null;
                dryRunView = null;
                state.set(outcome.cancelled() ? State.IDLE : State.DRY_RUN_FAILED);
                headline.set(outcome.cancelled() ? "Dry run cancelled; nothing was changed."
                        : "The dry run found " + failed + (failed == 1 ? " step" : " steps") + " that would fail; nothing was changed. "
                                + "Fix what the messages say, then run the dry run again.");
            }
            return;
        }
        String account = account(outcome, ranFor);
        // Live opens after the latest apply succeeded: after a failed or cancelled one the mesh is not what the plan says
        appliedFor = outcome.succeeded() ? ranFor : null;
        if (outcome.succeeded()) {
            state.set(State.SUCCEEDED);
            headline.set("Applied to " + outcome.clusters().size() + " clusters in " + elapsed + ": " + account + ". Next shows the mesh live.");
        } else if (outcome.cancelled()) {
            state.set(State.CANCELLED);
            headline.set("Cancelled after " + elapsed + ": " + account + ". The summary says what was applied and what was not; "
                    + "press Run again to apply the rest.");
        } else {
            state.set(State.FAILED);
            headline.set("The apply did not finish: " + account + ". Fix what the messages say, then press Run again to apply the rest.");
        }
        appliedView = outcome.succeeded() ? snapshot() : null;
        dryRunAfterApply = false;
        if (outcome.succeeded()) {
            // the clusters changed: what the dry run found before holds no more, a re-apply asks for a fresh one
            dryRunFor = null;
            dryRunOutcome = null;
            dryRunView = null;
        }
        update();
    }

    /**
     * {@code of the 26 steps, 24 applied, 0 unchanged, 0 failed, 0 not attempted, 2 gateway-address waits}: the run's
     * account against the one count of the rendering ({@link ApplyCount}), "would apply" for a dry run.
     */
    private String account(Outcome outcome, Rendering ranFor) {
        ApplyCount steps = ranFor.count(request == null ? ControlPlaneMode.AUTO : request.controlPlane());
        int applied = outcome.total(ClusterOutcome::applied);
        int unchanged = outcome.total(ClusterOutcome::unchanged);
        int failed = outcome.total(ClusterOutcome::failed);
        int notAttempted = outcome.total(ClusterOutcome::notAttempted);
        int skipped = outcome.total(ClusterOutcome::skipped);
        StringBuilder s = new StringBuilder("of the ").append(steps.steps()).append(" steps, ");
        if (outcome.dryRun()) {
            s.append(applied).append(" would apply (").append(outcome.total(ClusterOutcome::created)).append(" create, ")
                    .append(outcome.total(ClusterOutcome::updated)).append(" update), ").append(unchanged).append(" unchanged");
            if (failed > 0) {
                s.append(", ").append(failed).append(" would fail");
            }
        } else {
            s.append(applied).append(" applied, ").append(unchanged).append(" unchanged, ").append(failed).append(" failed, ")
                    .append(notAttempted).append(" not attempted");
        }
        if (skipped > 0) {
            s.append(", ").append(skipped).append(" skipped");
        }
        int rest = steps.steps() - applied - unchanged - failed - notAttempted - skipped;
        if (rest > 0) {
            s.append(", ").append(rest).append(rest <= steps.gatewayWaits() ? (rest == 1 ? " gateway-address wait" : " gateway-address waits")
                    : " other steps");
        }
        return s.toString();
    }

    private void crashed(boolean dry, Throwable failure) {
        updates.drain();
        if (!dry) {
            appliedFor = null;
            appliedView = null;
        } else {
            dryRunFor = null;
            dryRunView = null;
        }
        running.set(false);
        cancelling.set(false);
        problems.setAll(List.of(UserMessages.describe(failure)));
        state.set(dry ? State.DRY_RUN_FAILED : State.FAILED);
        headline.set((dry ? "The dry run could not run: " : "The apply could not run: ") + UserMessages.describe(failure) + ".");
    }

    private void update() {
        boolean current = isCurrent();
        Rendering now = rendering.getValue();
        boolean busy = running.get();
        boolean passed = current && dryRunFor != null && Rendering.sameBytes(dryRunFor, now);
        dryRunPassed.set(passed);
        canDryRun.set(service.available() && current && !busy);
        canApply.set(service.available() && passed && !busy);
        applyLabel.set(state.get() == State.FAILED || state.get() == State.CANCELLED ? "Run again" : "Apply");
        if (!busy && appliedView != null && (state.get() == State.SUCCEEDED || state.get() == State.IDLE)) {
            if (differsFromApplied()) {
                headline.set(differsText());
            } else if (state.get() == State.SUCCEEDED) {
                headline.set(appliedView.headline());
            }
        }
        // Live shows the mesh as last applied, also while the plan differs from it
        boolean ok = appliedFor != null && !busy;
        valid.set(ok);
        count.set(now == null ? null : now.count(controlPlane.get()));
        mainAction.set(passed ? MainAction.APPLY : ok && !differsFromApplied() ? MainAction.NEXT : MainAction.DRY_RUN);
        blocker.set(ok ? "" : blockerText(current, passed, busy));
    }

    private String blockerText(boolean current, boolean passed, boolean busy) {
        if (!service.available()) {
            return "This build has no apply engine: export the manifests in the Preview step and run apply.sh.";
        }
        if (!current) {
            return "The plan changed since the preview: look at the Preview again before applying.";
        }
        if (busy) {
            return state.get() == State.DRY_RUNNING ? "Dry run in progress…" : "Applying…";
        }
        return switch (state.get()) {
            case FAILED -> "The apply did not finish: fix what the messages say, then press Run again.";
            case CANCELLED -> "The apply was cancelled: press Run again to apply the rest.";
            default -> passed ? "The dry run passed: press Apply to change the clusters; Live comes after a successful apply."
                    : "Start with a dry run (nothing changes), then apply; Live comes after a successful apply.";
        };
    }
}
