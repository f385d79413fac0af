package dev.crossmesh.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.Labels;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RemoteSecrets;
import dev.crossmesh.render.RenderedMesh;

/**
 * Applies a plan to its clusters: each cluster's objects in order (clusters in parallel; primaries before remotes in
 * primary-remote, so that remotes get the primary's real gateway address), the control plane as an explicit step,
 * a bounded wait for each east-west gateway's address, then the remote secrets between the clusters.
 * Progress goes to a listener as {@link ApplyEvent}s; the result accounts for every step, whatever happened.
 * Blocking: the GUI calls it off the FX thread.
 */
public final class MeshApplier {
    public static final String CONTROL_PLANE = "control plane";
    /** The step that installs the east-west gateway from its istioctl overlay, for releases without gateway injection. */
    public static final String EASTWEST_ISTIOCTL = "east-west gateway (istioctl)";

    /** The step an apply reports a manifest under. */
    public static String stepName(Manifest m) {
        if (m.method() != ApplyMethod.ISTIOCTL) {
            return m.displayName();
        }
        return ManifestRenderer.EASTWEST_OVERLAY.equals(m.name()) ? EASTWEST_ISTIOCTL : CONTROL_PLANE;
    }
    public static final String GATEWAY_ADDRESS = "gateway address";
    /** The check, before a cluster's first step, that no other crossmesh mesh holds it. */
    public static final String OTHER_MESH_STEP = "mesh ownership";

    /** The step of one Helm release on the Helm path: {@code Helm release istio-system/istiod}. */
    public static String stepName(HelmRelease r) {
        return "Helm release " + Labels.ISTIO_NAMESPACE + "/" + r.name();
    }
    static final Duration TOKEN_WAIT = Duration.ofSeconds(10);
    /** Polls start fast (a controller usually answers in milliseconds) and slow down to these. */
    private static final Duration TOKEN_POLL = Duration.ofMillis(500);
    private static final Duration GATEWAY_POLL = Duration.ofSeconds(2);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final int MAX_PARALLEL = 16;

    private static final Set<ApplyRollout.Kind> OWN_STEPS = Set.of(ApplyRollout.Kind.OBJECT, ApplyRollout.Kind.CONTROL_PLANE,
            ApplyRollout.Kind.HELM_RELEASE, ApplyRollout.Kind.GATEWAY_ADDRESS);
    private static final Set<ApplyRollout.Kind> READER_STEPS = Set.of(ApplyRollout.Kind.READER_OBJECT, ApplyRollout.Kind.READER_TOKEN);

    private final ClusterClients clients;

    public MeshApplier(ClusterClients clients) {
        this.clients = clients;
    }

    /**
     * Applies the rendering the user saw, step by step as the rollout lists them; nothing is rendered again (a
     * primary-remote remote gets its primary's gateway address filled into the placeholder).
     */
    public ApplyResult apply(ApplyRollout rollout, ApplyOptions options, Consumer<ApplyEvent> listener, CancelToken cancel) {
        return new Run(rollout, options, listener, cancel == null ? CancelToken.none() : cancel).execute();
    }

    /** Runs one task per item on a pool of daemon threads and waits for all; a task's unexpected failure is passed to {@code onError}. */
    static <T> void inParallel(List<T> items, Consumer<T> task, java.util.function.BiConsumer<T, Throwable> onError) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(items.size(), MAX_PARALLEL), r -> {
            Thread t = new Thread(r, "crossmesh-cluster");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(CompletableFuture.runAsync(() -> {
                    try {
                        task.accept(item);
                    } catch (RuntimeException | Error e) {
                        onError.accept(item, e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static boolean isLoopback(String server) {
        return dev.crossmesh.plan.ApiServerUrl.isLoopback(server);
    }

    private final class Run {
        private final ApplyRollout rollout;
        private final MeshPlan plan;
        private final ApplyOptions options;
        private final CancelToken cancel;
        private final Consumer<ApplyEvent> listener;
        private final Redactor redactor = new Redactor();
        private final Map<String, List<StepOutcome>> outcomes = new LinkedHashMap<>();
        private final Map<String, String> addresses = new ConcurrentHashMap<>();
        private final Set<String> failed = ConcurrentHashMap.newKeySet();
        private final Set<String> namespacePending = ConcurrentHashMap.newKeySet();
        private final Map<String, ReaderAccess.Credentials> credentials = new ConcurrentHashMap<>();
        private Map<String, ClusterTarget> targets = Map.of();

        Run(ApplyRollout rollout, ApplyOptions options, Consumer<ApplyEvent> listener, CancelToken cancel) {
            this.rollout = rollout;
            this.plan = rollout.plan();
            this.options = options;
            this.cancel = cancel;
            this.listener = listener == null ? e -> { } : listener;
            for (ClusterSpec c : plan.clusters()) {
                outcomes.put(c.name(), Collections.synchronizedList(new ArrayList<>()));
            }
            rollout.mesh().all().forEach(redactor::addHidden);
        }

        ApplyResult execute() {
            ClusterTarget.Resolved resolved = ClusterTarget.resolve(clients, plan);
            if (!resolved.errors().isEmpty()) {
                // a wrong context must not leave a half-applied mesh: nothing is applied until every context resolves
                resolved.errors().forEach((cluster, message) -> fail(cluster, "context", message));
                plan.clusters().stream().filter(c -> !resolved.errors().containsKey(c.name())).forEach(c -> record(c.name(),
                        new StepOutcome("all steps", StepOutcome.Status.NOT_ATTEMPTED, "nothing was applied: fix the unknown context(s) first")));
                return result();
            }
            targets = resolved.targets();
            if (plan.topology() == Topology.PRIMARY_REMOTE) {
                List<ClusterSpec> primaries = plan.primaries();
                List<ClusterSpec> remotes = plan.clusters().stream().filter(c -> !primaries.contains(c)).toList();
                inParallel(primaries, c -> applyCluster(c, Map.of()), this::unexpected);
                Map<String, String> primaryAddresses = Map.copyOf(addresses);
                inParallel(remotes, c -> applyCluster(c, primaryAddresses), this::unexpected);
            } else {
                inParallel(plan.clusters(), c -> applyCluster(c, Map.of()), this::unexpected);
            }
            applyRemoteSecrets();
            return result();
        }

        private ApplyResult result() {
            Map<String, ApplyResult.ClusterResult> clusters = new LinkedHashMap<>();
            outcomes.forEach((name, steps) -> {
                synchronized (steps) {
                    clusters.put(name, new ApplyResult.ClusterResult(name, List.copyOf(steps)));
                }
            });
            Map<String, String> found = new LinkedHashMap<>();
            plan.clusters().forEach(c -> Optional.ofNullable(addresses.get(c.name())).ifPresent(a -> found.put(c.name(), a)));
            return new ApplyResult(clusters, found, cancel.isCancelled(), options.dryRun());
        }

        // --- one cluster's own steps -------------------------------------------------------------------

        /** @param primaryAddresses the primaries' gateway addresses, for a remote's control plane */
        private void applyCluster(ClusterSpec spec, Map<String, String> primaryAddresses) {
            ClusterTarget target = targets.get(spec.name());
            emit(spec.name(), "", ApplyEvent.Kind.STARTED, "context " + spec.context() + " at " + target.server()
                    + (options.dryRun() ? " (dry run: nothing is changed)" : ""));
            refuseOtherMesh(target);
            Map<String, Object> eastWestService = null;
            boolean foreignService = false;
            ControlPlanePath helmPath = null;
            for (ApplyRollout.Step s : rollout.steps(spec.name(), OWN_STEPS)) {
                String step = s.name();
                if (failed.contains(spec.name())) {
                    notAttempted(spec.name(), step, "an earlier step of " + spec.name() + " failed");
                    continue;
                }
                if (cancel.isCancelled()) {
                    notAttempted(spec.name(), step, "cancelled before this step");
                    continue;
                }
                switch (s.kind()) {
                    case CONTROL_PLANE -> controlPlane(target, RenderedMesh.withGatewayAddresses(s.manifest(), primaryAddresses), step);
                    case HELM_RELEASE -> {
                        // one choice for the cluster's releases, as for its control plane
                        helmPath = helmPath != null ? helmPath : ControlPlanePath.choose(target, plan, options);
                        helmRelease(target, helmPath, s.release().withGatewayAddresses(primaryAddresses), step);
                    }
                    case GATEWAY_ADDRESS -> gatewayAddress(target, eastWestService, foreignService);
                    default -> {
                        ObjectSync.Written written = applyObject(target, s.object(), step, ObjectSync.Policy.OWN, "");
                        if (written != null && s.isEastWestService()) {
                            eastWestService = written.stored();
                            foreignService = written.done() == ChangeKind.NOT_OWNED;
                        }
                    }
                }
            }
            List<StepOutcome> mine = outcomes.get(spec.name());
            synchronized (mine) {
                long problems = mine.stream().filter(StepOutcome::isProblem).count();
                emit(spec.name(), "", problems == 0 ? ApplyEvent.Kind.DONE : ApplyEvent.Kind.FAILED,
                        problems == 0 ? "own steps done" : problems + " step(s) not done; see above");
            }
        }

        /**
         * A cluster that holds another crossmesh mesh gets none of this plan's steps (not its namespace labels, not a
         * remote secret) unless --force. A read that fails here is left to the steps, which say what failed.
         */
        private void refuseOtherMesh(ClusterTarget target) {
            if (options.force()) {
                return;
            }
            Optional<OtherMesh> other;
            try {
                other = OtherMesh.on(target.api(), plan.meshId());
            } catch (RuntimeException e) {
                return;
            }
            other.ifPresent(o -> fail(target.name(), OTHER_MESH_STEP, o.reason(target.name(), plan.meshId())));
        }

        /**
         * GET, compare, create or PUT one object, with events and an outcome either way.
         *
         * @return what was written, or null when the step failed (the cluster's remaining steps are then not attempted)
         */
        private ObjectSync.Written applyObject(ClusterTarget target, Map<String, Object> desired, String step, ObjectSync.Policy policy,
                String note) {
            return applyObject(target, desired, step, policy, note, false, null);
        }

        private ObjectSync.Written applyObject(ClusterTarget target, Map<String, Object> desired, String step, ObjectSync.Policy policy,
                String note, boolean knownLive, Map<String, Object> live) {
            String cluster = target.name();
            String object = ClusterObjects.displayName(desired);
            String suffix = note.isEmpty() ? "" : " (" + note + ")";
            emit(cluster, step, ApplyEvent.Kind.STARTED, options.dryRun() ? "checking (dry run)" : "applying");
            ObjectSync.Examined examined;
            try {
                examined = knownLive ? target.sync().examine(desired, live, policy, options.force())
                        : target.sync().examine(desired, policy, options.force());
            } catch (RuntimeException e) {
                fail(cluster, step, KubeFailures.describe(cluster, target.server(), KubeFailures.Verb.GET, object, kindOf(desired), e));
                return null;
            }
            switch (examined.kind()) {
                case UNCHANGED -> {
                    String reason = examined.change().reason();
                    done(cluster, step, StepOutcome.Status.UNCHANGED, ApplyEvent.Kind.UNCHANGED, "unchanged" + suffix + (reason.isEmpty() ? "" : "; " + reason),
                            result(ChangeKind.UNCHANGED, examined.change()));
                    return new ObjectSync.Written(ChangeKind.UNCHANGED, examined.live(), examined.change());
                }
                case NOT_OWNED, CONFLICT -> {
                    refused(cluster, step, examined.change().reason(), result(examined.kind(), examined.change()));
                    return new ObjectSync.Written(examined.kind(), examined.live(), examined.change());
                }
                default -> {
                }
            }
            boolean namespaced = ResourceKinds.of(desired).isNamespaceScoped();
            if (options.dryRun() && examined.kind() == ChangeKind.CREATE && namespaced && namespacePending.contains(cluster)) {
                // a real API server refuses even a dry-run create in a namespace that does not exist yet
                done(cluster, step, StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE, "would be created" + suffix
                        + "; not checked by the API server, since namespace " + Labels.ISTIO_NAMESPACE + " does not exist yet",
                        result(ChangeKind.CREATE, examined.change()));
                return new ObjectSync.Written(ChangeKind.CREATE, examined.body(), examined.change());
            }
            ObjectSync.Written written;
            try {
                // a dry run's update was already answered by the dry-run apply that examined it
                written = options.dryRun() && examined.kind() == ChangeKind.UPDATE
                        ? new ObjectSync.Written(ChangeKind.UPDATE, examined.live(), examined.change())
                        : target.sync().write(examined, options.dryRun());
            } catch (RuntimeException e) {
                KubeFailures.Verb verb = examined.kind() == ChangeKind.CREATE ? KubeFailures.Verb.APPLY_NEW : KubeFailures.Verb.APPLY;
                fail(cluster, step, KubeFailures.describe(cluster, target.server(), verb, object, kindOf(desired), e));
                return null;
            }
            switch (written.done()) {
                case CREATE -> {
                    if ("Namespace".equals(desired.get("kind")) && options.dryRun()) {
                        namespacePending.add(cluster);
                    }
                    done(cluster, step, StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE,
                            (options.dryRun() ? "would be created (dry run accepted by the API server)" : "created") + suffix,
                            result(ChangeKind.CREATE, written.change()));
                }
                case UPDATE -> {
                    String reason = written.change().reason();
                    done(cluster, step, StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE,
                            (options.dryRun() ? "would be updated: " : "updated: ") + String.join(", ", written.change().fields()) + suffix
                                    + (reason.isEmpty() ? "" : "; " + reason), result(ChangeKind.UPDATE, written.change()));
                }
                case NOT_OWNED -> refused(cluster, step, written.change().reason(), result(ChangeKind.NOT_OWNED, written.change()));
                default -> done(cluster, step, StepOutcome.Status.UNCHANGED, ApplyEvent.Kind.UNCHANGED,
                        "unchanged (someone else made the same change meanwhile)" + suffix, result(ChangeKind.UNCHANGED, written.change()));
            }
            return written;
        }

        private ApplyEvent.ObjectResult result(ChangeKind kind, ObjectChange change) {
            return new ApplyEvent.ObjectResult(kind, change.fields(), options.dryRun());
        }

        // --- control plane ----------------------------------------------------------------------------

        private void controlPlane(ClusterTarget target, Manifest m, String step) {
            String cluster = target.name();
            ControlPlanePath path = ControlPlanePath.choose(target, plan, options);
            Optional<ClusterSpec> primary = plan.primaryFor(target.spec());
            boolean needsAddress = primary.isPresent() && m.yaml().contains(ManifestRenderer.addressPlaceholder(primary.get().name()));
            switch (path.way()) {
                case SKIP -> skipped(cluster, step, path.reason());
                case MANUAL -> skipped(cluster, step, "manual: install the control plane with `"
                        + ControlPlanePath.manualCommand(m, target.spec().context()) + "` (crossmesh export writes the file; "
                        + path.reason() + ")" + (needsAddress ? "; replace " + ManifestRenderer.addressPlaceholder(primary.get().name())
                                + " in it with " + primary.get().name() + "'s east-west gateway address" : ""));
                case CANNOT -> fail(cluster, step, path.reason());
                case OPERATOR, ISTIOCTL -> {
                    if (needsAddress) {
                        notAttempted(cluster, step, "the remote control plane needs the east-west gateway address of "
                                + primary.get().name() + ", which has none yet; run apply again once it has one");
                        return;
                    }
                    if (path.way() == ControlPlanePath.Way.OPERATOR) {
                        applyObject(target, m.object(), step, ObjectSync.Policy.OWN, m.displayName() + ", " + path.reason());
                    } else {
                        runIstioctl(target, m, path.tool(), step);
                    }
                }
            }
        }

        private void runIstioctl(ClusterTarget target, Manifest m, Path istioctl, String step) {
            String cluster = target.name();
            String context = target.spec().context();
            if (options.dryRun()) {
                skipped(cluster, step, "dry run: would run `istioctl install -y -f " + cluster + "/" + m.fileName()
                        + " --context " + context + "`");
                return;
            }
            Path file = null;
            try {
                file = Files.createTempFile("crossmesh-" + cluster + "-", "-" + m.fileName());
                Files.writeString(file, m.yaml());
                List<String> command = Istioctl.installCommand(istioctl, file, context);
                emit(cluster, step, ApplyEvent.Kind.STARTED, "running " + String.join(" ", command), new ApplyEvent.ToolStarted(command));
                int code = Istioctl.install(istioctl, file, context, clients.kubeconfigs().files(),
                        line -> emit(cluster, step, ApplyEvent.Kind.INFO, "istioctl: " + line, new ApplyEvent.ToolOutput("istioctl", line)), cancel);
                if (code == 0) {
                    done(cluster, step, StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE, "istioctl install finished");
                } else if (code == -1) {
                    fail(cluster, step, "cancelled while istioctl install was running: the control plane may be partly installed;"
                            + " run apply again to finish it");
                } else {
                    fail(cluster, step, "istioctl install exited with code " + code + " (its output is above): fix the cause,"
                            + " then run apply again");
                }
            } catch (IOException e) {
                fail(cluster, step, "could not run " + istioctl + ": " + e.getMessage() + "; check the istioctl path ("
                        + Istioctl.PROPERTY + " / " + Istioctl.ENV + " / PATH) or run apply with --control-plane auto");
            } finally {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // a leftover temp file holds no secret (the IstioOperator has none)
                    }
                }
            }
        }

        /**
         * One of the cluster's Helm releases ({@code helm upgrade --install}), with helm's output streamed and helm's own
         * error in the failure; the gateway address step that follows reads the Service the gateway chart made.
         */
        private void helmRelease(ClusterTarget target, ControlPlanePath path, HelmRelease r, String step) {
            String cluster = target.name();
            String context = target.spec().context();
            Optional<ClusterSpec> primary = plan.primaryFor(target.spec());
            switch (path.way()) {
                case HELM -> {
                }
                case MANUAL -> {
                    skipped(cluster, step, "manual: " + ControlPlanePath.helmManualInstruction(path));
                    return;
                }
                default -> {
                    fail(cluster, step, path.reason());
                    return;
                }
            }
            if (primary.isPresent() && r.needsAddressOf(primary.get().name())) {
                notAttempted(cluster, step, "the remote control plane needs the east-west gateway address of " + primary.get().name()
                        + ", which has none yet; run apply again once it has one");
                return;
            }
            boolean waits = ControlPlanePath.helmWaits(plan, target.spec(), r);
            if (options.dryRun()) {
                skipped(cluster, step, "dry run: would run `" + Helm.shown(r, options.charts(), plan.istio().version(), context, waits) + "`");
                return;
            }
            Path file = null;
            try {
                file = Files.createTempFile("crossmesh-" + cluster + "-", "-" + r.step().valuesFile());
                Files.writeString(file, r.yaml());
                List<String> command = Helm.installCommand(path.tool(), r, options.charts(), plan.istio().version(), context, file, waits);
                emit(cluster, step, ApplyEvent.Kind.STARTED, "running " + String.join(" ", command), new ApplyEvent.ToolStarted(command));
                List<String> output = Collections.synchronizedList(new ArrayList<>());
                int code = Helm.install(command, clients.kubeconfigs().files(), line -> {
                    output.add(line);
                    emit(cluster, step, ApplyEvent.Kind.INFO, "helm: " + line, new ApplyEvent.ToolOutput("helm", line));
                }, cancel);
                if (code == 0) {
                    done(cluster, step, StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE, "helm upgrade --install finished");
                } else if (code == -1) {
                    fail(cluster, step, "cancelled while helm was running: the release may be half installed; run apply again to finish it");
                } else {
                    fail(cluster, step, "helm upgrade --install " + r.name() + " exited with code " + code + ": " + Helm.error(output)
                            + "; fix the cause, then run apply again");
                }
            } catch (IOException e) {
                fail(cluster, step, "could not run " + path.tool() + ": " + e.getMessage() + "; check the helm path (" + Helm.PROPERTY + " / "
                        + Helm.ENV + " / PATH)");
            } finally {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // a leftover temp file holds no secret (chart values have none)
                    }
                }
            }
        }

        // --- gateway address --------------------------------------------------------------------------

        /** @param foreignService the Service is someone else's, left alone by its step: its address is used, never waited for */
        private void gatewayAddress(ClusterTarget target, Map<String, Object> service, boolean foreignService) {
            String cluster = target.name();
            if (plan.gateway().serviceType() == ServiceType.NODE_PORT) {
                String note = "NodePort gateway: no load-balancer address to wait for; istiod reaches it on the nodes' addresses and the node port";
                if (plan.topology() == Topology.PRIMARY_REMOTE && target.spec().isPrimary() && !options.dryRun()) {
                    try {
                        Optional<String> node = GatewayAddresses.ofNodes(target.api());
                        if (node.isPresent()) {
                            addresses.put(cluster, node.get());
                            note += "; remotes reach istiod at node address " + node.get();
                        }
                    } catch (RuntimeException e) {
                        note += "; the node addresses could not be read: " + KubeFailures.detail(e);
                    }
                }
                emit(cluster, GATEWAY_ADDRESS, ApplyEvent.Kind.INFO, note, new ApplyEvent.GatewayPending(note));
                return;
            }
            if (options.dryRun()) {
                String note = "dry run: not waiting for a load-balancer address";
                emit(cluster, GATEWAY_ADDRESS, ApplyEvent.Kind.INFO, note, new ApplyEvent.GatewayPending(note));
                return;
            }
            if (service == null) {
                // istioctl or helm installed the gateway: its Service is read as it is now
                String object = "Service " + Labels.ISTIO_NAMESPACE + "/" + Labels.EASTWEST_NAME;
                try {
                    service = target.api().getFresh("v1", "Service", Labels.ISTIO_NAMESPACE, Labels.EASTWEST_NAME);
                } catch (RuntimeException e) {
                    fail(cluster, GATEWAY_ADDRESS, KubeFailures.describe(cluster, target.server(), KubeFailures.Verb.GET, object, "Service", e));
                    return;
                }
                if (service == null) {
                    pending(cluster, "there is no " + object + " yet: the east-west gateway step above says why; run apply again once it is installed");
                    return;
                }
            }
            Optional<String> address = GatewayAddresses.ofService(service);
            if (address.isPresent()) {
                addresses.put(cluster, address.get());
                emit(cluster, GATEWAY_ADDRESS, ApplyEvent.Kind.DONE, address.get(), new ApplyEvent.GatewayAddress(address.get()));
                return;
            }
            if (foreignService) {
                // what it is (a ClusterIP Service, another team's) will not change by waiting: say so now
                String type = service.get("spec") instanceof Map<?, ?> spec && spec.get("type") != null ? String.valueOf(spec.get("type")) : "";
                pending(cluster, "Service " + Labels.ISTIO_NAMESPACE + "/" + Labels.EASTWEST_NAME + " is not crossmesh's (see its step above)"
                        + (type.isEmpty() ? "" : " and is of type " + ControlCharacters.escape(type)) + " with no address, so other networks cannot"
                        + " reach this gateway; not waiting for one. Remove or rename that Service, or run apply with --force to take it over");
                return;
            }
            Duration wait = options.gatewayWait();
            if (wait.isZero()) {
                pending(cluster, "no load-balancer address yet and not waiting (--wait 0)");
                return;
            }
            emit(cluster, GATEWAY_ADDRESS, ApplyEvent.Kind.WAITING, "waiting up to " + wait.toSeconds()
                    + " s for the load balancer to give Service " + Labels.ISTIO_NAMESPACE + "/" + Labels.EASTWEST_NAME + " an address");
            long start = System.nanoTime();
            long deadline = start + wait.toNanos();
            String lastError = "";
            Duration interval = FIRST_POLL;
            while (System.nanoTime() < deadline) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                boolean cancelled = cancel.sleep(left.compareTo(interval) < 0 ? left : interval);
                interval = min(interval.multipliedBy(2), GATEWAY_POLL);
                if (cancelled) {
                    skipped(cluster, GATEWAY_ADDRESS, "cancelled while waiting for the load-balancer address");
                    return;
                }
                try {
                    address = GatewayAddresses.ofService(target.api().getFresh(service));
                    lastError = "";
                } catch (RuntimeException e) {
                    lastError = KubeFailures.detail(e);
                }
                if (address.isPresent()) {
                    addresses.put(cluster, address.get());
                    emit(cluster, GATEWAY_ADDRESS, ApplyEvent.Kind.DONE, address.get() + " (after "
                            + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s)", new ApplyEvent.GatewayAddress(address.get()));
                    return;
                }
            }
            pending(cluster, "no load-balancer address after " + wait.toSeconds() + " s"
                    + (lastError.isEmpty() ? "" : " (last read failed: " + lastError + ")")
                    + ". The cluster may have no LoadBalancer support (kind, minikube, bare metal): set gateway.serviceType: NodePort"
                    + " in the plan, or install a load balancer such as MetalLB; then run apply again, or check later with crossmesh live");
        }

        private void pending(String cluster, String message) {
            done(cluster, GATEWAY_ADDRESS, StepOutcome.Status.SKIPPED, ApplyEvent.Kind.SKIPPED, "pending: " + message,
                    new ApplyEvent.GatewayPending(message));
        }

        // --- remote secrets ---------------------------------------------------------------------------

        private void applyRemoteSecrets() {
            List<ClusterSpec> readers = plan.clusters().stream().filter(r -> !plan.remoteSecretSources(r).isEmpty()).toList();
            Set<ClusterSpec> sources = new LinkedHashSet<>();
            readers.forEach(r -> sources.addAll(plan.remoteSecretSources(r)));
            // the reader credentials of each source are made once, however many clusters read it
            inParallel(new ArrayList<>(sources), this::prepareSource, this::unexpected);
            inParallel(readers, this::writeRemoteSecrets, this::unexpected);
        }

        private void prepareSource(ClusterSpec source) {
            String cluster = source.name();
            ClusterTarget target = targets.get(cluster);
            for (ApplyRollout.Step s : rollout.steps(cluster, READER_STEPS)) {
                if (failed.contains(cluster)) {
                    notAttempted(cluster, s.name(), "an earlier step of " + cluster + " failed");
                } else if (cancel.isCancelled()) {
                    notAttempted(cluster, s.name(), "cancelled before this step");
                } else if (s.kind() == ApplyRollout.Kind.READER_TOKEN) {
                    readerToken(target, s.name());
                } else {
                    applyObject(target, s.object(), s.name(), ObjectSync.Policy.ENSURE_EXISTS, "remote-secret reader");
                }
            }
        }

        /** Makes (or finds) the reader's token Secret and keeps the credentials it holds for the remote secrets. */
        private void readerToken(ClusterTarget target, String step) {
            String cluster = target.name();
            Map<String, Object> tokenSecret;
            try {
                tokenSecret = ReaderAccess.findTokenSecret(target.api());
            } catch (RuntimeException e) {
                fail(cluster, step, KubeFailures.describe(cluster, target.server(), KubeFailures.Verb.GET, step, "Secret", e));
                return;
            }
            Map<String, Object> desiredToken = tokenSecret != null ? tokenSecret : ReaderAccess.tokenSecret(plan);
            String name = ClusterObjects.displayName(desiredToken);
            String note = "remote-secret reader token" + (name.equals(step) ? "" : ", found as " + name);
            if (applyObject(target, desiredToken, step, ObjectSync.Policy.ENSURE_EXISTS, note, true, tokenSecret) == null) {
                return;
            }
            String server = target.serverForRemoteSecret();
            if (isLoopback(server)) {
                emit(cluster, "remote secrets", ApplyEvent.Kind.INFO, target.context().demo()
                        ? "demo cluster: remote secrets point at " + server + ", a loopback address that works because the demo clusters run on this machine"
                        : "warning: remote secrets for " + cluster + " point at " + server + ", a local address that istiod in other clusters"
                                + " cannot reach; set apiServer for " + cluster + " in the plan to an address reachable from the other clusters");
            }
            ReaderAccess.Credentials creds = ReaderAccess.credentials(tokenSecret, server);
            if (options.dryRun()) {
                if (creds == null) {
                    emit(cluster, step, ApplyEvent.Kind.INFO, "dry run: not waiting for the token; the remote secrets are checked with a placeholder");
                    creds = new ReaderAccess.Credentials(server, "", RemoteSecrets.TOKEN_PLACEHOLDER_PREFIX + "reader in " + cluster + ">");
                }
                redactor.add(creds.token());
                credentials.put(cluster, creds);
                return;
            }
            if (creds == null) {
                creds = waitForToken(target, step, ClusterObjects.nameOf(desiredToken), server);
            }
            if (creds != null) {
                redactor.add(creds.token());
                credentials.put(cluster, creds);
            }
        }

        private ReaderAccess.Credentials waitForToken(ClusterTarget target, String step, String secretName, String server) {
            String cluster = target.name();
            emit(cluster, step, ApplyEvent.Kind.WAITING, "waiting up to " + TOKEN_WAIT.toSeconds() + " s for the token controller to issue the reader token");
            long deadline = System.nanoTime() + TOKEN_WAIT.toNanos();
            String lastError = "";
            Duration interval = FIRST_POLL;
            while (System.nanoTime() < deadline) {
                boolean cancelled = cancel.sleep(interval);
                interval = min(interval.multipliedBy(2), TOKEN_POLL);
                if (cancelled) {
                    notAttempted(cluster, step, "cancelled while waiting for the reader token");
                    return null;
                }
                try {
                    ReaderAccess.Credentials creds = ReaderAccess.credentials(
                            target.api().getFresh("v1", "Secret", Labels.ISTIO_NAMESPACE, secretName), server);
                    if (creds != null) {
                        redactor.add(creds.token());
                        emit(cluster, step, ApplyEvent.Kind.DONE, "reader token issued");
                        return creds;
                    }
                } catch (RuntimeException e) {
                    lastError = KubeFailures.detail(e);
                }
            }
            fail(cluster, step, "the token controller did not fill Secret " + Labels.ISTIO_NAMESPACE + "/" + secretName + " within "
                    + TOKEN_WAIT.toSeconds() + " s" + (lastError.isEmpty() ? "" : " (last read failed: " + lastError + ")")
                    + ": check that kube-controller-manager runs in " + cluster + ", then run apply again");
            return null;
        }

        private void writeRemoteSecrets(ClusterSpec reader) {
            String cluster = reader.name();
            ClusterTarget target = targets.get(cluster);
            for (ApplyRollout.Step s : rollout.steps(cluster, Set.of(ApplyRollout.Kind.REMOTE_SECRET))) {
                String step = s.name();
                ClusterSpec source = plan.cluster(s.source()).orElseThrow();
                if (cancel.isCancelled()) {
                    notAttempted(cluster, step, "cancelled before this step");
                    continue;
                }
                if (failed.contains(cluster)) {
                    notAttempted(cluster, step, "an earlier step of " + cluster + " failed");
                    continue;
                }
                ReaderAccess.Credentials creds = credentials.get(source.name());
                if (creds == null) {
                    notAttempted(cluster, step, "the reader credentials of " + source.name() + " could not be made (see "
                            + source.name() + " above); run apply again once " + source.name() + " is fixed");
                    continue;
                }
                String kubeconfig = RemoteSecrets.kubeconfig(source, creds.server(), creds.caData(), creds.token());
                Map<String, Object> desired = RemoteSecrets.secret(plan, source.name(), kubeconfig);
                applyObject(target, desired, step, ObjectSync.Policy.OWN, "kubeconfig for " + source.name() + "'s reader at " + creds.server());
            }
        }

        // --- outcomes and events ----------------------------------------------------------------------

        private void unexpected(ClusterSpec cluster, Throwable e) {
            fail(cluster.name(), "internal", KubeFailures.describe(cluster.name(), targets.containsKey(cluster.name())
                    ? targets.get(cluster.name()).server() : "", KubeFailures.Verb.UPDATE, "the mesh", "", e));
        }

        private void done(String cluster, String step, StepOutcome.Status status, ApplyEvent.Kind kind, String message) {
            done(cluster, step, status, kind, message, ApplyEvent.NONE);
        }

        private void done(String cluster, String step, StepOutcome.Status status, ApplyEvent.Kind kind, String message, ApplyEvent.Detail detail) {
            record(cluster, new StepOutcome(step, status, redactor.scrub(message), detail));
            emit(cluster, step, kind, message, detail);
        }

        private void skipped(String cluster, String step, String message) {
            done(cluster, step, StepOutcome.Status.SKIPPED, ApplyEvent.Kind.SKIPPED, message);
        }

        private void refused(String cluster, String step, String reason, ApplyEvent.ObjectResult result) {
            done(cluster, step, StepOutcome.Status.REFUSED, ApplyEvent.Kind.SKIPPED, "left alone: " + reason, result);
        }

        private void notAttempted(String cluster, String step, String reason) {
            done(cluster, step, StepOutcome.Status.NOT_ATTEMPTED, ApplyEvent.Kind.SKIPPED, "not attempted: " + reason);
        }

        private void fail(String cluster, String step, String message) {
            failed.add(cluster);
            done(cluster, step, StepOutcome.Status.FAILED, ApplyEvent.Kind.FAILED, message);
        }

        private void record(String cluster, StepOutcome outcome) {
            // every plan cluster has its list from the start, so this map is only read from the cluster threads
            List<StepOutcome> list = outcomes.get(cluster);
            if (list != null) {
                list.add(outcome);
            }
        }

        private void emit(String cluster, String step, ApplyEvent.Kind kind, String message) {
            emit(cluster, step, kind, message, ApplyEvent.NONE);
        }

        private void emit(String cluster, String step, ApplyEvent.Kind kind, String message, ApplyEvent.Detail detail) {
            ApplyEvent event = redactor.scrub(ApplyEvent.of(cluster, step, kind, message, detail));
            // one event at a time, in order, whatever thread it comes from: listeners need not be thread-safe
            synchronized (this) {
                listener.accept(event);
            }
        }

        private String kindOf(Map<String, Object> object) {
            return String.valueOf(object.get("kind"));
        }
    }
}
