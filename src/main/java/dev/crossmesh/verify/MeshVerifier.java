package dev.crossmesh.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.verify.VerifyProgress.Phase;

/**
 * Proves that the mesh carries traffic: deploys {@link VerifyWorkload} in every cluster, waits (bounded) for its pods
 * and their sidecars, sends requests from each cluster's client through the exec API, counts which cluster answered
 * each, explains every cluster a client did not reach from the live state, and removes what it deployed (unless
 * kept). The same code runs for the CLI and the wizard, against real clusters and demo clusters.
 */
public final class MeshVerifier {
    private static final Duration POLL = Duration.ofMillis(500);
    /** After this many requests in a row that the exec API would not run, the client's remaining requests are not tried. */
    private static final int EXEC_FAILURES_BEFORE_GIVING_UP = 3;

    /** Opens one cluster for the check. */
    @FunctionalInterface
    public interface Targets {
        VerifyTarget open(ClusterSpec cluster) throws VerifyException;
    }

    private final MeshPlan plan;
    private final VerifyOptions options;
    private final Targets targets;
    private final Supplier<Optional<MeshStatus>> liveState;
    private final Consumer<VerifyProgress> progress;
    private final VerifyWorkload workload;
    private volatile boolean cancelled;

    /**
     * @param liveState the live state at the end of the requests, to explain the gaps (empty when it could not be had)
     * @param progress  told what happens, from the check's threads
     */
    public MeshVerifier(MeshPlan plan, VerifyOptions options, Targets targets, Supplier<Optional<MeshStatus>> liveState,
            Consumer<VerifyProgress> progress) {
        this.plan = plan;
        this.options = options;
        this.targets = targets;
        this.liveState = liveState;
        this.progress = progress == null ? p -> { } : progress;
        this.workload = VerifyWorkload.of(plan, options.imageRegistry());
    }

    public VerifyWorkload workload() {
        return workload;
    }

    /** Stops waiting and sending; what was deployed is still removed. */
    public void cancel() {
        cancelled = true;
    }

    /** What one cluster's pods of the check looked like when the wait ended. */
    private record Readiness(List<WorkloadPod> pods, boolean settled) {
        Optional<WorkloadPod> ready(String app) {
            return pods.stream().filter(p -> p.app().equals(app) && p.ready()).findFirst();
        }
    }

    public VerifyReport run() {
        List<String> names = plan.clusters().stream().map(ClusterSpec::name).toList();
        List<Finding> unavailable = Collections.synchronizedList(new ArrayList<>());
        Map<String, VerifyTarget> opened = new ConcurrentHashMap<>();
        Map<String, VerifyTarget> deployed = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(names.size(), 8)), r -> {
            Thread t = new Thread(r, "crossmesh-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            eachCluster(pool, c -> {
                progress(Phase.DEPLOY, c.name(), "deploying " + VerifyWorkload.SERVER + " and " + VerifyWorkload.CLIENT + " in namespace "
                        + VerifyWorkload.NAMESPACE, 0, 0);
                try {
                    VerifyTarget target = targets.open(c);
                    opened.put(c.name(), target);
                    target.deploy(workload);
                    deployed.put(c.name(), target);
                } catch (VerifyException e) {
                    unavailable.add(error(VerifyCodes.CLUSTER_UNAVAILABLE, c.name(), e.getMessage()));
                }
            });
            Map<String, Readiness> readiness = awaitPods(deployed);
            List<Finding> findings = new ArrayList<>(sorted(unavailable));
            findings.addAll(podFindings(deployed, readiness));

            Map<String, SourceResult> results = new ConcurrentHashMap<>();
            List<Finding> execFindings = Collections.synchronizedList(new ArrayList<>());
            eachCluster(pool, c -> {
                Readiness r = readiness.get(c.name());
                Optional<WorkloadPod> client = r == null ? Optional.empty() : r.ready(VerifyWorkload.CLIENT);
                if (client.isPresent() && !cancelled) {
                    results.put(c.name(), send(c.name(), deployed.get(c.name()), client.get(), names, execFindings));
                }
            });
            findings.addAll(sorted(execFindings));

            List<SourceResult> ordered = new ArrayList<>();
            List<SourceVerdict> verdicts = new ArrayList<>();
            for (ClusterSpec c : plan.clusters()) {
                SourceResult result = results.getOrDefault(c.name(), SourceResult.notSent(c.name(), names, notSentReason(c.name(), opened, deployed)));
                ordered.add(result);
                verdicts.add(SourceVerdict.of(plan, c, result));
            }
            if (verdicts.stream().anyMatch(v -> !v.missing().isEmpty())) {
                progress(Phase.LIVE_STATE, "", "reading the clusters' live state to explain what was not reached", 0, 0);
                Optional<MeshStatus> live = liveState.get();
                Set<String> serving = new TreeSet<>();
                readiness.forEach((cluster, r) -> r.ready(VerifyWorkload.SERVER).ifPresent(p -> serving.add(cluster)));
                if (live.isPresent()) {
                    findings.addAll(new GapExplainer(plan, live.get(), serving).explain(verdicts, results));
                }
            }
            if (cancelled) {
                findings.add(new Finding(Severity.WARNING, VerifyCodes.CANCELLED, "", "", "the check was cancelled before every request was sent"));
            }
            if (!options.keep()) {
                findings.addAll(cleanUp(pool, opened));
            }
            VerifyReport report = new VerifyReport(plan.meshId(), options.requests(), names, ordered, verdicts, VerifyReport.overall(verdicts),
                    findings, options.keep());
            progress(Phase.DONE, "", "verdict: " + report.verdict().label(), 0, 0);
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    private String notSentReason(String cluster, Map<String, VerifyTarget> opened, Map<String, VerifyTarget> deployed) {
        if (!opened.containsKey(cluster) || !deployed.containsKey(cluster)) {
            return "the check could not be deployed in " + cluster;
        }
        return cancelled ? "cancelled" : "the client pod in " + cluster + " was not ready";
    }

    /** Polls every deployed cluster until each has a ready server and client pod, or the timeout ends. */
    private Map<String, Readiness> awaitPods(Map<String, VerifyTarget> deployed) {
        Map<String, Readiness> readiness = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(options.timeout());
        Map<String, String> lastSaid = new LinkedHashMap<>();
        while (true) {
            int settled = 0;
            for (ClusterSpec c : plan.clusters()) {
                VerifyTarget target = deployed.get(c.name());
                if (target == null) {
                    continue;
                }
                Readiness before = readiness.get(c.name());
                if (before != null && before.settled()) {
                    settled++;
                    continue;
                }
                List<WorkloadPod> pods;
                try {
                    pods = target.pods(workload);
                } catch (VerifyException e) {
                    pods = before == null ? List.of() : before.pods(); // a blip: ask again at the next poll
                }
                Readiness now = new Readiness(pods, pods.stream().anyMatch(p -> p.app().equals(VerifyWorkload.SERVER) && p.ready())
                        && pods.stream().anyMatch(p -> p.app().equals(VerifyWorkload.CLIENT) && p.ready()));
                readiness.put(c.name(), now);
                settled += now.settled() ? 1 : 0;
                String said = summary(pods);
                if (!said.equals(lastSaid.put(c.name(), said))) {
                    progress(Phase.WAIT, c.name(), said, (int) pods.stream().filter(WorkloadPod::ready).count(), 2);
                }
            }
            if (settled == deployed.size() || cancelled || !Instant.now().isBefore(deadline)) {
                return readiness;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
                return readiness;
            }
        }
    }

    private static String summary(List<WorkloadPod> pods) {
        if (pods.isEmpty()) {
            return "waiting for pods";
        }
        List<String> parts = new ArrayList<>();
        for (String app : List.of(VerifyWorkload.SERVER, VerifyWorkload.CLIENT)) {
            List<WorkloadPod> of = pods.stream().filter(p -> p.app().equals(app)).toList();
            long ready = of.stream().filter(WorkloadPod::ready).count();
            String sidecar = of.isEmpty() ? "" : of.stream().allMatch(WorkloadPod::sidecar) ? " with sidecar" : " WITHOUT sidecar";
            parts.add(app + " " + ready + "/" + of.size() + " ready" + sidecar);
        }
        return String.join(", ", parts);
    }

    /** Pods without a sidecar, and pods that never became ready. */
    private List<Finding> podFindings(Map<String, VerifyTarget> deployed, Map<String, Readiness> readiness) {
        List<Finding> findings = new ArrayList<>();
        for (ClusterSpec c : plan.clusters()) {
            Readiness r = readiness.get(c.name());
            if (r == null) {
                continue;
            }
            List<String> withoutSidecar = r.pods().stream().filter(p -> !p.sidecar()).map(WorkloadPod::name).toList();
            if (!withoutSidecar.isEmpty()) {
                findings.add(error(VerifyCodes.NO_SIDECAR, c.name(), noSidecar(c, deployed.get(c.name()), withoutSidecar)));
            }
            if (!r.settled()) {
                String pods = r.pods().isEmpty() ? "no pod was created (an admission webhook or a quota may refuse them: kubectl --context="
                        + c.context() + " -n " + VerifyWorkload.NAMESPACE + " get events)"
                        : "pods: " + String.join(", ", r.pods().stream().map(WorkloadPod::describe).toList());
                findings.add(error(VerifyCodes.PODS_NOT_READY, c.name(), "the check's pods in " + c.name() + " were not ready within "
                        + options.timeout().toSeconds() + " s; " + pods + ". If the images cannot be pulled here, mirror "
                        + workload.helloworldImage() + " and " + workload.curlImage() + " and give --image-registry; else try a longer --timeout."));
            }
        }
        return findings;
    }

    private String noSidecar(ClusterSpec c, VerifyTarget target, List<String> pods) {
        String revisions;
        try {
            List<String> served = target.injectorRevisions();
            revisions = served.isEmpty() ? "no Istio sidecar injector is installed in " + c.name()
                    : "the sidecar injectors in " + c.name() + " serve revision" + (served.size() == 1 ? " " : "s ") + String.join(", ", served);
        } catch (VerifyException e) {
            revisions = "the injectors could not be read (" + e.getMessage() + ")";
        }
        String wanted = workload.revision().isEmpty() ? "the default revision" : "revision " + workload.revision();
        return "pods " + String.join(", ", pods) + " in " + c.name() + " have no istio-proxy container: namespace " + VerifyWorkload.NAMESPACE
                + " is labelled " + workload.injectionKey() + "=" + workload.injectionValue() + " (" + wanted + ", from the plan) and " + revisions
                + ". Install the control plane with the plan's revision (crossmesh apply), or set istio.revision in the plan to the revision installed; "
                + "without a sidecar a pod reaches its own cluster only.";
    }

    private SourceResult send(String cluster, VerifyTarget target, WorkloadPod client, List<String> names, List<Finding> execFindings) {
        List<RequestOutcome> outcomes = new ArrayList<>();
        int notRunInARow = 0;
        Duration timeout = options.requestTimeout();
        for (int i = 1; i <= options.requests() && !cancelled; i++) {
            ExecOutput output = target.exec(VerifyWorkload.NAMESPACE, client.name(), VerifyWorkload.CLIENT, workload.request(timeout), timeout.plusSeconds(10));
            outcomes.add(RequestOutcome.of(output));
            notRunInARow = output.ran() ? 0 : notRunInARow + 1;
            progress(Phase.REQUESTS, cluster, i + "/" + options.requests() + " requests sent", i, options.requests());
            if (notRunInARow >= EXEC_FAILURES_BEFORE_GIVING_UP) {
                execFindings.add(error(VerifyCodes.EXEC_FAILED, cluster, "requests from " + cluster + " could not be run in pod " + client.name()
                        + " through the exec API: " + output.failure() + ". The check needs permission to create pods/exec in namespace "
                        + VerifyWorkload.NAMESPACE + "; the remaining requests were not tried."));
                break;
            }
        }
        return SourceResult.of(cluster, names, outcomes);
    }

    private List<Finding> cleanUp(ExecutorService pool, Map<String, VerifyTarget> opened) {
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        eachCluster(pool, c -> {
            VerifyTarget target = opened.get(c.name());
            if (target == null) {
                return;
            }
            progress(Phase.CLEANUP, c.name(), "removing namespace " + VerifyWorkload.NAMESPACE, 0, 0);
            try {
                target.remove(workload);
            } catch (VerifyException e) {
                findings.add(new Finding(Severity.WARNING, VerifyCodes.CLEANUP_FAILED, "", c.name(), e.getMessage()));
            }
        });
        return sorted(findings);
    }

    /** Runs the step for every cluster side by side and waits for all. */
    private void eachCluster(ExecutorService pool, Consumer<ClusterSpec> step) {
        List<Future<?>> running = new ArrayList<>();
        for (ClusterSpec c : plan.clusters()) {
            running.add(pool.submit(() -> step.accept(c)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the check failed unexpectedly: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Findings gathered from several threads, in plan order. */
    private List<Finding> sorted(List<Finding> findings) {
        List<String> order = plan.clusters().stream().map(ClusterSpec::name).toList();
        List<Finding> copy = new ArrayList<>(findings);
        copy.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.cluster())));
        return copy;
    }

    private void progress(Phase phase, String cluster, String message, int done, int total) {
        try {
            progress.accept(new VerifyProgress(phase, cluster, message, done, total));
        } catch (RuntimeException e) {
            // a listener's failure must not stop the check
        }
    }

    private static Finding error(String code, String cluster, String message) {
        return new Finding(Severity.ERROR, code, "", cluster, message);
    }
}
