package dev.crossmesh.ui.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.verify.MeshVerifier;
import dev.crossmesh.verify.SourceResult;
import dev.crossmesh.verify.SourceVerdict;
import dev.crossmesh.verify.VerifyOptions;
import dev.crossmesh.verify.VerifyProgress;
import dev.crossmesh.verify.VerifyReport;

/**
 * The live view's traffic check: runs the same {@link MeshVerifier} as {@code crossmesh verify} in the background, with
 * its progress, and holds the report as the panel draws it (the answer matrix, a verdict per cluster, the findings)
 * and as the topology lights its data-plane links.
 */
public final class VerifyViewModel {
    /** Style classes of a data-plane link after a check: every pair across it answered, some, none. */
    public static final String LINK_OK = "traffic-ok";
    public static final String LINK_PARTIAL = "traffic-partial";
    public static final String LINK_NONE = "traffic-none";

    /** How one cell of the matrix reads: answers where they were expected, none where they were, answers from outside the plan's expectation. */
    public enum CellState {
        REACHED, MISSING, NOT_EXPECTED
    }

    public record Cell(String to, int count, CellState state) {
    }

    /** One row: the client's cluster, its cells in plan order, its failed requests, verdict and reach in words. */
    public record Row(String from, List<Cell> cells, int failed, boolean sent, String verdict, List<String> errors) {
        public Row {
            cells = List.copyOf(cells);
            errors = List.copyOf(errors);
        }
    }

    private final MeshPlan plan;
    private final MeshVerifier.Targets targets;
    private final Supplier<Optional<MeshStatus>> live;
    private final TaskExecutor tasks;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyObjectWrapper<VerifyReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final Map<String, Integer> sent = new ConcurrentHashMap<>();
    private volatile MeshVerifier current;
    /** Done when no check runs in the background (its cleanup included). */
    private volatile java.util.concurrent.CompletableFuture<Void> idle = java.util.concurrent.CompletableFuture.completedFuture(null);

    /**
     * @param targets opens the plan's clusters for the check
     * @param live    the live state the gaps are explained from (the live view's latest snapshot)
     */
    public VerifyViewModel(MeshPlan plan, MeshVerifier.Targets targets, Supplier<Optional<MeshStatus>> live, TaskExecutor tasks) {
        this.plan = plan;
        this.targets = targets;
        this.live = live;
        this.tasks = tasks;
    }

    // Commands

    /** Starts a check with the CLI's defaults; does nothing while one runs. */
    public void verify() {
        if (running.get()) {
            return;
        }
        running.set(true);
        problem.set("");
        progress.set(0);
        sent.clear();
        progressText.set("Deploying helloworld and curl in every cluster…");
        MeshVerifier verifier = new MeshVerifier(plan, VerifyOptions.defaults(), targets, live, p -> tasks.onUiThread(() -> show(p)));
        current = verifier;
        java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();
        idle = finished;
        tasks.run(() -> {
            try {
                return verifier.run();
            } finally {
                finished.complete(null);
            }
        }, done -> {
            current = null;
            running.set(false);
            progress.set(1);
            report.set(done);
            boolean demo = live.get().map(st -> st.clusters().stream().anyMatch(c -> c.demo())).orElse(false);
            progressText.set(summary(done) + (demo ? " Demo clusters: crossmesh's simulated mesh answered, not real proxies." : ""));
        }, failure -> {
            current = null;
            running.set(false);
            progress.set(0);
            problem.set("The check stopped: " + rootMessage(failure) + ". Run it again; if it happens again, run crossmesh verify for the details.");
            progressText.set("");
        });
    }

    /** Stops sending; what was deployed is still removed, and the report shows what was measured. Any thread. */
    public void cancel() {
        MeshVerifier verifier = current;
        if (verifier != null) {
            verifier.cancel();
            tasks.onUiThread(() -> progressText.set("Cancelling: removing the check's namespace…"));
        }
    }

    /**
     * Cancels a running check and waits (at most {@code timeout}) until it has removed what it deployed: call before
     * closing the clients, off the UI thread.
     */
    public void stop(java.time.Duration timeout) {
        cancel();
        try {
            idle.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // it goes on in the background; what it left is removed by the next check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // What the view shows

    public List<String> clusters() {
        return plan.clusters().stream().map(ClusterSpec::name).toList();
    }

    /** The matrix of the last report, one row per cluster in plan order; empty before the first check. */
    public List<Row> rows() {
        VerifyReport r = report.get();
        if (r == null) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        for (SourceResult result : r.results()) {
            SourceVerdict verdict = r.source(result.from()).orElseThrow();
            List<Cell> cells = new ArrayList<>();
            for (String to : r.clusters()) {
                int count = result.answers(to);
                CellState state = !verdict.expected().contains(to) ? CellState.NOT_EXPECTED : count > 0 ? CellState.REACHED : CellState.MISSING;
                cells.add(new Cell(to, count, state));
            }
            rows.add(new Row(result.from(), cells, result.failed(), result.sent() > 0, verdict.verdict().label(), result.errors()));
        }
        return rows;
    }

    /**
     * How the data-plane link between two networks reads after the check: {@link #LINK_OK} when every client on one
     * side reached every cluster on the other it must, {@link #LINK_NONE} when none did, {@link #LINK_PARTIAL} else;
     * null before a check or when no client on either side sent requests.
     */
    public String linkState(String networkA, String networkB) {
        VerifyReport r = report.get();
        if (r == null) {
            return null;
        }
        int pairs = 0;
        int reached = 0;
        for (SourceVerdict v : r.sources()) {
            String from = network(v.from());
            boolean sentAny = r.result(v.from()).map(s -> s.sent() > 0).orElse(false);
            if (!sentAny || !(from.equals(networkA) || from.equals(networkB))) {
                continue;
            }
            String other = from.equals(networkA) ? networkB : networkA;
            for (String to : v.expected()) {
                if (network(to).equals(other)) {
                    pairs++;
                    reached += v.reached().contains(to) ? 1 : 0;
                }
            }
        }
        return pairs == 0 ? null : reached == pairs ? LINK_OK : reached == 0 ? LINK_NONE : LINK_PARTIAL;
    }

    private String network(String cluster) {
        return plan.cluster(cluster).map(ClusterSpec::network).orElse("");
    }

    private void show(VerifyProgress p) {
        if (!running.get()) {
            return;
        }
        String where = p.cluster().isEmpty() ? "" : p.cluster() + ": ";
        progressText.set(where + p.message());
        int clusters = Math.max(1, plan.clusters().size());
        switch (p.phase()) {
            case DEPLOY -> progress.set(0.05);
            case WAIT -> progress.set(Math.max(progress.get(), 0.15));
            case REQUESTS -> {
                sent.put(p.cluster(), p.done());
                int done = sent.values().stream().mapToInt(Integer::intValue).sum();
                progress.set(0.2 + 0.7 * done / (double) (clusters * Math.max(1, p.total())));
            }
            case LIVE_STATE, CLEANUP -> progress.set(Math.max(progress.get(), 0.92));
            case DONE -> progress.set(1);
        }
    }

    private static String summary(VerifyReport r) {
        long ok = r.sources().stream().filter(s -> s.verdict() == dev.crossmesh.verify.Verdict.OK).count();
        return switch (r.verdict()) {
            case OK -> "Every cluster reached every cluster it must (" + r.requests() + " requests from each).";
            case PARTIAL -> ok + " of " + r.sources().size() + " clusters reached every cluster they must: the findings say why the others did not.";
            case FAILED -> "No cluster reached beyond its own: the findings say why.";
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    // Properties

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<VerifyReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Why the last check could not finish, in words; "" when it did. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
