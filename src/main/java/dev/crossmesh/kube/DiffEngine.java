package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.Labels;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.RemoteSecrets;
import dev.crossmesh.render.RenderedMesh;

/**
 * What {@link MeshApplier} would do, found with the same GETs and the same comparison, and nothing written.
 * Secret values are compared but never shown: an update of a Secret names only the changed keys.
 */
public final class DiffEngine {
    private final ClusterClients clients;

    public DiffEngine(ClusterClients clients) {
        this.clients = clients;
    }

    /**
     * The diff of applying this rendering with these options (--force and --control-plane change what apply would
     * do); the rendering is the one the user saw, not rendered again.
     */
    public MeshDiff diff(RenderedMesh mesh, ApplyOptions options) {
        return new Run(mesh.plan(), options).diff(mesh);
    }

    private final class Run {
        private final MeshPlan plan;
        private final ApplyOptions options;
        private final Map<String, List<ObjectChange>> changes = new LinkedHashMap<>();
        private final Map<String, String> errors = new ConcurrentHashMap<>();
        private final Map<String, String> addresses = new ConcurrentHashMap<>();
        private final Map<String, ReaderAccess.Credentials> credentials = new ConcurrentHashMap<>();
        /** The Helm path's releases, as {@link ApplyRollout} puts them in place of the control plane; null off that path. */
        private final HelmInstall helm;
        private Map<String, ClusterTarget> targets = Map.of();

        Run(MeshPlan plan, ApplyOptions options) {
            this.plan = plan;
            this.options = options;
            HelmInstall install = options.controlPlane() == ControlPlaneMode.HELM ? HelmValues.render(plan) : null;
            this.helm = install != null && install.unavailable().isEmpty() ? install : null;
            plan.clusters().forEach(c -> changes.put(c.name(), Collections.synchronizedList(new ArrayList<>())));
        }

        MeshDiff diff(RenderedMesh mesh) {
            ClusterTarget.Resolved resolved = ClusterTarget.resolve(clients, plan);
            errors.putAll(resolved.errors());
            targets = resolved.targets();
            List<ClusterSpec> reachable = plan.clusters().stream().filter(c -> targets.containsKey(c.name())).toList();
            if (plan.topology() == Topology.PRIMARY_REMOTE) {
                List<ClusterSpec> primaries = reachable.stream().filter(ClusterSpec::isPrimary).toList();
                MeshApplier.inParallel(primaries, c -> diffCluster(c, mesh.manifests(c.name())), this::unexpected);
                RenderedMesh withAddresses = mesh.withGatewayAddresses(Map.copyOf(addresses));
                MeshApplier.inParallel(reachable.stream().filter(c -> !c.isPrimary()).toList(),
                        c -> diffCluster(c, withAddresses.manifests(c.name())), this::unexpected);
            } else {
                MeshApplier.inParallel(reachable, c -> diffCluster(c, mesh.manifests(c.name())), this::unexpected);
            }
            diffRemoteSecrets();
            List<ClusterDiff> result = new ArrayList<>();
            for (ClusterSpec c : plan.clusters()) {
                ClusterTarget t = targets.get(c.name());
                List<ObjectChange> list = changes.get(c.name());
                synchronized (list) {
                    result.add(new ClusterDiff(c.name(), c.context(), t == null ? "" : t.server(), t != null && t.context().demo(), list, errors.getOrDefault(c.name(), "")));
                }
            }
            return new MeshDiff(result);
        }

        private void diffCluster(ClusterSpec spec, List<Manifest> manifests) {
            ClusterTarget target = targets.get(spec.name());
            if (!options.force()) {
                try {
                    OtherMesh.on(target.api(), plan.meshId()).ifPresent(o -> errors.put(spec.name(), o.reason(spec.name(), plan.meshId())));
                } catch (RuntimeException e) {
                    // the objects' own reads below say what failed
                }
            }
            for (Manifest m : manifests) {
                if (errors.containsKey(spec.name())) {
                    return;
                }
                if (helm != null && HelmInstall.madeByGatewayChart(m)) {
                    continue;
                }
                if (helm != null && m.method() == ApplyMethod.ISTIOCTL) {
                    helmReleases(target);
                } else if (m.method() == ApplyMethod.ISTIOCTL) {
                    controlPlane(target, m);
                } else if (m.method() == ApplyMethod.API) {
                    ObjectSync.Examined e = examine(target, m.object(), ObjectSync.Policy.OWN, m.displayName());
                    if (e != null && "Service".equals(m.kind()) && Labels.EASTWEST_NAME.equals(m.name())) {
                        GatewayAddresses.ofService(e.live()).ifPresent(a -> addresses.put(spec.name(), a));
                    }
                }
            }
        }

        private void controlPlane(ClusterTarget target, Manifest m) {
            String cluster = target.name();
            String step = MeshApplier.stepName(m);
            ControlPlanePath path = ControlPlanePath.choose(target, plan, options);
            String context = target.spec().context();
            switch (path.way()) {
                case OPERATOR -> {
                    ObjectSync.Examined e = examine(target, m.object(), ObjectSync.Policy.OWN, step);
                    if (e != null) {
                        // replace the entry examine added with one that says which way the control plane goes
                        List<ObjectChange> list = changes.get(cluster);
                        synchronized (list) {
                            list.remove(list.size() - 1);
                            String reason = m.displayName() + ", " + path.reason()
                                    + (e.change().reason().isEmpty() ? "" : "; " + e.change().reason());
                            list.add(new ObjectChange(cluster, step, e.kind(), e.change().fields(), reason));
                        }
                    }
                }
                case ISTIOCTL -> add(new ObjectChange(cluster, step, ChangeKind.RUN, List.of(),
                        "istioctl install -y -f " + cluster + "/" + m.fileName() + " --context " + context + " (" + path.reason() + ")"));
                case MANUAL -> add(new ObjectChange(cluster, step, ChangeKind.MANUAL, List.of(),
                        "install the control plane with `" + ControlPlanePath.manualCommand(m, context) + "` (" + path.reason() + ")"));
                case SKIP -> add(new ObjectChange(cluster, step, ChangeKind.SKIPPED, List.of(), path.reason()));
                case CANNOT -> add(new ObjectChange(cluster, step, ChangeKind.MANUAL, List.of(),
                        "apply will fail this step: " + path.reason()));
            }
        }

        /** Each Helm release as a step that runs, with the command apply runs; or why apply cannot run it. */
        private void helmReleases(ClusterTarget target) {
            String cluster = target.name();
            ControlPlanePath path = ControlPlanePath.choose(target, plan, options);
            for (HelmRelease r : helm.releases(cluster)) {
                String step = MeshApplier.stepName(r);
                switch (path.way()) {
                    case HELM -> add(new ObjectChange(cluster, step, ChangeKind.RUN, List.of(), Helm.shown(r, options.charts(), plan.istio().version(),
                            target.spec().context(), ControlPlanePath.helmWaits(plan, target.spec(), r)) + " (" + path.reason() + ")"));
                    case MANUAL -> add(new ObjectChange(cluster, step, ChangeKind.MANUAL, List.of(), ControlPlanePath.helmManualInstruction(path)));
                    default -> add(new ObjectChange(cluster, step, ChangeKind.MANUAL, List.of(), "apply will fail this step: " + path.reason()));
                }
            }
        }

        private void diffRemoteSecrets() {
            List<ClusterSpec> readers = plan.clusters().stream()
                    .filter(r -> !plan.remoteSecretSources(r).isEmpty() && targets.containsKey(r.name())).toList();
            Set<ClusterSpec> sources = new LinkedHashSet<>();
            readers.forEach(r -> sources.addAll(plan.remoteSecretSources(r)));
            MeshApplier.inParallel(new ArrayList<>(sources), this::diffSource, this::unexpected);
            MeshApplier.inParallel(readers, this::diffReader, this::unexpected);
        }

        private void diffSource(ClusterSpec source) {
            ClusterTarget target = targets.get(source.name());
            if (target == null || errors.containsKey(source.name())) {
                return;
            }
            for (Map<String, Object> object : ReaderAccess.rbacObjects(plan, source)) {
                if (examine(target, object, ObjectSync.Policy.ENSURE_EXISTS, ClusterObjects.displayName(object)) == null) {
                    return;
                }
            }
            Map<String, Object> token;
            try {
                token = ReaderAccess.findTokenSecret(target.api());
            } catch (RuntimeException e) {
                unreadable(target, "Secret " + Labels.ISTIO_NAMESPACE + "/" + ReaderAccess.TOKEN_SECRET,
                        "Secret " + Labels.ISTIO_NAMESPACE + "/" + ReaderAccess.TOKEN_SECRET, "Secret", e);
                return;
            }
            Map<String, Object> desired = token != null ? token : ReaderAccess.tokenSecret(plan);
            ObjectSync.Examined e = target.sync().examine(desired, token, ObjectSync.Policy.ENSURE_EXISTS, options.force());
            add(e.change());
            ReaderAccess.Credentials creds = ReaderAccess.credentials(token, target.serverForRemoteSecret());
            if (creds != null) {
                credentials.put(source.name(), creds);
            }
        }

        private void diffReader(ClusterSpec reader) {
            ClusterTarget target = targets.get(reader.name());
            for (ClusterSpec source : plan.remoteSecretSources(reader)) {
                if (errors.containsKey(reader.name())) {
                    return;
                }
                ClusterTarget sourceTarget = targets.get(source.name());
                ReaderAccess.Credentials creds = credentials.get(source.name());
                boolean known = creds != null;
                if (!known) {
                    String server = sourceTarget == null ? "<API server of " + source.name() + ">" : sourceTarget.serverForRemoteSecret();
                    creds = new ReaderAccess.Credentials(server, "", RemoteSecrets.TOKEN_PLACEHOLDER_PREFIX + "reader in " + source.name() + ">");
                }
                Map<String, Object> desired = RemoteSecrets.secret(plan, source.name(),
                        RemoteSecrets.kubeconfig(source, creds.server(), creds.caData(), creds.token()));
                String name = ClusterObjects.displayName(desired);
                ObjectSync.Examined e = examine(target, desired, ObjectSync.Policy.OWN, name);
                if (e != null && !known && e.kind() == ChangeKind.UPDATE) {
                    List<ObjectChange> list = changes.get(reader.name());
                    synchronized (list) {
                        list.remove(list.size() - 1);
                        list.add(new ObjectChange(reader.name(), name, ChangeKind.UPDATE, e.change().fields(),
                                "the reader token of " + source.name() + " is issued at apply time"));
                    }
                }
            }
        }

        /** Examines one object and records the change; null when it could not be read. */
        private ObjectSync.Examined examine(ClusterTarget target, Map<String, Object> desired, ObjectSync.Policy policy, String step) {
            try {
                ObjectSync.Examined e = target.sync().examine(desired, policy, options.force());
                add(CacertsRoot.review(e));
                return e;
            } catch (RuntimeException ex) {
                unreadable(target, step, ClusterObjects.displayName(desired), String.valueOf(desired.get("kind")), ex);
                return null;
            }
        }

        private void unreadable(ClusterTarget target, String step, String object, String kind, RuntimeException e) {
            String message = KubeFailures.describe(target.name(), target.server(), KubeFailures.Verb.GET, object, kind, e, "diff");
            if (KubeFailures.isConnectionProblem(e) || KubeFailures.code(e) == 401) {
                // no point in asking an unreachable cluster for every object: one error for the cluster says it
                errors.putIfAbsent(target.name(), message);
            } else {
                add(new ObjectChange(target.name(), step, ChangeKind.UNREADABLE, List.of(), message));
            }
        }

        private void add(ObjectChange change) {
            List<ObjectChange> list = changes.get(change.cluster());
            if (list != null) {
                list.add(change);
            }
        }

        private void unexpected(ClusterSpec cluster, Throwable e) {
            errors.putIfAbsent(cluster.name(), "cluster " + cluster.name() + ": could not compare: " + KubeFailures.detail(e));
        }
    }
}
