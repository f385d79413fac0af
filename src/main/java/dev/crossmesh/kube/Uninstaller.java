package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.HelmRelease;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.Labels;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;

/**
 * Removes what crossmesh created for a mesh, found by its labels ({@code app.kubernetes.io/managed-by: crossmesh},
 * {@code crossmesh.dev/mesh: <meshId>}), in the reverse of apply's order: the namespace a {@code crossmesh verify --keep}
 * left, remote secrets, the reader RBAC, the gateway
 * objects, the control-plane resource, cacerts, then istio-system's labels. Objects without those labels are never
 * touched; objects taken over with --force stay (only crossmesh's labels come off); istio-system is deleted only if
 * crossmesh created it and nothing else lives in it. A control plane installed with istioctl stays, with the command to remove it;
 * so do Helm releases (the Helm path's charts), each with its {@code helm uninstall} command.
 */
public final class Uninstaller {
    /** Helm's annotation on every object it made (Helm 3.2 and newer). */
    static final String HELM_RELEASE_ANNOTATION = "meta.helm.sh/release-name";
    /** The kind of an uninstall action about a Helm release. */
    public static final String HELM_RELEASE_KIND = "Helm release";
    /** What a fresh namespace holds without anyone putting it there. */
    private static final Set<String> NAMESPACE_DEFAULTS = Set.of("ServiceAccount default", "ConfigMap kube-root-ca.crt", "ConfigMap istio-ca-root-cert");

    private final ClusterClients clients;

    public Uninstaller(ClusterClients clients) {
        this.clients = clients;
    }

    /** Finds what uninstall would remove and keep; changes nothing. */
    public UninstallPreview preview(MeshPlan plan) {
        ClusterTarget.Resolved resolved = ClusterTarget.resolve(clients, plan);
        Map<String, List<UninstallAction>> actions = new ConcurrentHashMap<>();
        Map<String, String> errors = new ConcurrentHashMap<>(resolved.errors());
        List<ClusterSpec> reachable = plan.clusters().stream().filter(c -> resolved.targets().containsKey(c.name())).toList();
        MeshApplier.inParallel(reachable, c -> {
            ClusterTarget target = resolved.targets().get(c.name());
            try {
                actions.put(c.name(), new Discovery(plan, target).actions());
            } catch (RuntimeException e) {
                errors.put(c.name(), KubeFailures.describe(c.name(), target.server(), KubeFailures.Verb.LIST,
                        "the objects in " + Labels.ISTIO_NAMESPACE, "", e, "uninstall"));
            }
        }, (c, e) -> errors.put(c.name(), "cluster " + c.name() + ": " + KubeFailures.detail(e)));
        Map<String, List<UninstallAction>> ordered = new LinkedHashMap<>();
        Map<String, String> orderedErrors = new LinkedHashMap<>();
        for (ClusterSpec c : plan.clusters()) {
            if (actions.containsKey(c.name())) {
                ordered.put(c.name(), actions.get(c.name()));
            }
            if (errors.containsKey(c.name())) {
                orderedErrors.put(c.name(), errors.get(c.name()));
            }
        }
        return new UninstallPreview(plan, ordered, orderedErrors);
    }

    /** Finds and removes in one go. */
    public UninstallResult uninstall(MeshPlan plan, Consumer<ApplyEvent> listener, CancelToken cancel) {
        return execute(preview(plan), listener, cancel);
    }

    /** Carries out a preview, cluster by cluster in parallel, each in the preview's order. */
    public UninstallResult execute(UninstallPreview preview, Consumer<ApplyEvent> listener, CancelToken cancel) {
        CancelToken token = cancel == null ? CancelToken.none() : cancel;
        Consumer<ApplyEvent> emit = listener == null ? e -> { } : listener;
        Object lock = new Object();
        Map<String, List<StepOutcome>> outcomes = new LinkedHashMap<>();
        preview.plan().clusters().forEach(c -> outcomes.put(c.name(), Collections.synchronizedList(new ArrayList<>())));
        ClusterTarget.Resolved resolved = ClusterTarget.resolve(clients, preview.plan());
        preview.errors().forEach((cluster, message) -> {
            outcomes.get(cluster).add(new StepOutcome("all steps", StepOutcome.Status.FAILED, message));
            synchronized (lock) {
                emit.accept(ApplyEvent.of(cluster, "", ApplyEvent.Kind.FAILED, message));
            }
        });
        List<ClusterSpec> clusters = preview.plan().clusters().stream()
                .filter(c -> preview.actions().containsKey(c.name()) && resolved.targets().containsKey(c.name())).toList();
        MeshApplier.inParallel(clusters, c -> new Removal(preview.plan(), resolved.targets().get(c.name()), outcomes.get(c.name()),
                e -> {
                    synchronized (lock) {
                        emit.accept(e);
                    }
                }, token).run(preview.actions().get(c.name())),
                (c, e) -> outcomes.get(c.name()).add(new StepOutcome("internal", StepOutcome.Status.FAILED, KubeFailures.detail(e))));
        return new UninstallResult(outcomes, token.isCancelled());
    }

    // --- finding what is ours --------------------------------------------------------------------------

    /** Everything in one cluster's istio-system (and crossmesh's cluster-scoped objects), sorted into actions. */
    private static final class Discovery {
        private final MeshPlan plan;
        private final ClusterTarget target;
        private final Map<String, String> apiVersions = new LinkedHashMap<>();

        Discovery(MeshPlan plan, ClusterTarget target) {
            this.plan = plan;
            this.target = target;
            // the Istio API versions this plan's Istio version uses
            for (Manifest m : ManifestRenderer.render(plan.withCa(plan.ca() == CaMode.SHARED_ROOT ? CaMode.EXISTING : plan.ca()), Map.of()).all()) {
                apiVersions.putIfAbsent(m.kind(), m.apiVersion());
            }
        }

        List<UninstallAction> actions() {
            ClusterObjects api = target.api();
            Map<String, String> ours = Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, Labels.MESH, plan.meshId());
            List<Map<String, Object>> inNamespace = everythingInNamespace(api);
            // pods of crossmesh's gateway carry its labels but belong to the Deployment: they go with it
            List<Map<String, Object>> owned = inNamespace.stream().filter(o -> Ownership.ownedBy(o, plan.meshId()) && !isKind(o, "Pod")).toList();
            List<Map<String, Object>> clusterScoped = new ArrayList<>();
            clusterScoped.addAll(api.list("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "", ours));
            clusterScoped.addAll(api.list("rbac.authorization.k8s.io/v1", "ClusterRole", "", ours));

            List<UninstallAction> actions = new ArrayList<>();
            // what crossmesh verify --keep left behind: its namespace, and everything in it with it
            Map<String, Object> check = api.get("v1", "Namespace", "", Labels.VERIFY_NAMESPACE);
            if (check != null && Ownership.ownedBy(check, plan.meshId())) {
                actions.add(action(UninstallAction.Action.DELETE, check, "left by crossmesh verify --keep"));
            }
            List<Map<String, Object>> taken = new ArrayList<>();
            // reverse apply order: remote secrets, reader token, reader RBAC, gateway objects, control plane, cacerts
            addAll(actions, taken, owned, o -> isKind(o, "Secret") && "true".equals(ObjectFields.labels(o).get(Labels.MULTI_CLUSTER_SECRET)));
            addAll(actions, taken, owned, o -> isKind(o, "Secret") && ReaderAccess.isReaderToken(o));
            addAll(actions, taken, clusterScoped, o -> isKind(o, "ClusterRoleBinding"));
            addAll(actions, taken, clusterScoped, o -> isKind(o, "ClusterRole"));
            addAll(actions, taken, owned, o -> isKind(o, "ServiceAccount") && Labels.READER_SERVICE_ACCOUNT.equals(ClusterObjects.nameOf(o)));
            for (String kind : List.of("VirtualService", "Gateway", "Service", "Deployment", "ServiceAccount", "IstioOperator", "Secret")) {
                addAll(actions, taken, owned, o -> isKind(o, kind));
            }
            addAll(actions, taken, owned, o -> true);

            // the Istio operator removes what it installed for an IstioOperator that goes: that control plane is not kept
            Set<String> operatorsRemoved = actions.stream().filter(a -> a.action() == UninstallAction.Action.DELETE && a.kind().equals("IstioOperator"))
                    .map(UninstallAction::name).collect(Collectors.toSet());
            inNamespace.stream().filter(o -> isKind(o, "Deployment") && isIstiod(o) && !Ownership.ownedBy(o, plan.meshId())
                    && !installedBy(o, operatorsRemoved) && !ObjectFields.annotations(o).containsKey(HELM_RELEASE_ANNOTATION)).forEach(o -> actions.add(
                    action(UninstallAction.Action.KEEP, o, "the control plane (installed with istioctl, or by someone else) stays;"
                            + " to remove it run `istioctl uninstall --purge -y --context " + target.spec().context() + "`")));
            Set<String> operatorsWithControlPlane = inNamespace.stream().filter(o -> isKind(o, "Deployment") && isIstiod(o) && installedBy(o, operatorsRemoved))
                    .map(o -> ObjectFields.labels(o).get(Labels.OPERATOR_OWNING_RESOURCE)).collect(Collectors.toSet());
            actions.replaceAll(a -> a.action() == UninstallAction.Action.DELETE && a.kind().equals("IstioOperator") && operatorsWithControlPlane.contains(a.name())
                    ? a.withDetail("the Istio operator then removes the control plane it installed (istiod)") : a);

            helmReleases(inNamespace).forEach(name -> actions.add(new UninstallAction(target.name(), UninstallAction.Action.KEEP, "", HELM_RELEASE_KIND,
                    Labels.ISTIO_NAMESPACE, name, "installed with Helm, which owns its objects: stays; to remove it run `helm uninstall " + name
                            + " --namespace=" + Labels.ISTIO_NAMESPACE + " --kube-context=" + target.spec().context() + "`")));

            Map<String, Object> namespace = api.get("v1", "Namespace", "", Labels.ISTIO_NAMESPACE);
            if (namespace != null) {
                List<Map<String, Object>> goingDeployments = inNamespace.stream().filter(o -> isKind(o, "Deployment") && installedBy(o, operatorsRemoved)).toList();
                List<Map<String, Object>> staying = inNamespace.stream()
                        .filter(o -> !installedBy(o, operatorsRemoved) && !(isKind(o, "Pod") && goingDeployments.stream().anyMatch(d -> selects(d, o))))
                        .toList();
                actions.add(namespaceAction(namespace, staying, staying.size() < inNamespace.size()));
            }
            return actions;
        }

        /**
         * The deployed Helm releases in istio-system (helm's records: Secrets labelled owner=helm), in the order to
         * uninstall them: the reverse of the Helm path's install order (gateway, istiod, base), then any others by name.
         */
        private List<String> helmReleases(List<Map<String, Object>> inNamespace) {
            Set<String> found = new java.util.TreeSet<>();
            inNamespace.stream().filter(o -> isKind(o, "Secret")).map(ObjectFields::labels)
                    .filter(l -> "helm".equals(l.get("owner")) && "deployed".equals(l.get("status")) && l.get("name") != null)
                    .forEach(l -> found.add(l.get("name")));
            List<String> ordered = new ArrayList<>();
            List<HelmRelease> planned = new ArrayList<>(HelmValues.render(plan).releases(target.name()));
            Collections.reverse(planned);
            planned.stream().map(HelmRelease::name).filter(found::remove).forEach(ordered::add);
            ordered.addAll(found);
            return ordered;
        }

        /** Made by the Istio operator for one of these IstioOperators (its owning-resource label). */
        private static boolean installedBy(Map<String, Object> o, Set<String> operators) {
            return operators.contains(ObjectFields.labels(o).get(Labels.OPERATOR_OWNING_RESOURCE));
        }

        /** The Deployment's selector matches the pod's labels: the pod goes with the Deployment. */
        @SuppressWarnings("unchecked")
        private static boolean selects(Map<String, Object> deployment, Map<String, Object> pod) {
            Object spec = deployment.get("spec");
            Object selector = spec instanceof Map<?, ?> m ? m.get("selector") : null;
            Object matchLabels = selector instanceof Map<?, ?> m ? m.get("matchLabels") : null;
            if (!(matchLabels instanceof Map<?, ?> wanted) || wanted.isEmpty()) {
                return false;
            }
            return ObjectFields.labels(pod).entrySet().containsAll(((Map<String, String>) wanted).entrySet());
        }

        private UninstallAction namespaceAction(Map<String, Object> namespace, List<Map<String, Object>> inNamespace, boolean afterOperator) {
            Optional<String> otherMesh = OtherMesh.of(namespace, plan.meshId());
            if (otherMesh.isPresent()) {
                return action(UninstallAction.Action.KEEP, namespace, otherMeshKeeps(otherMesh.get()));
            }
            if (NamespaceAdoption.withoutOurMarks(namespace) == null) {
                return action(UninstallAction.Action.KEEP, namespace, "crossmesh did not create it and added no labels to it: left as it is");
            }
            String labels = String.join(", ", NamespaceAdoption.addedLabels(namespace));
            String removeLabels = labels.isEmpty() ? "crossmesh's annotations come off" : "labels " + labels + " come off, other labels stay";
            if (!NamespaceAdoption.createdByCrossmesh(namespace)) {
                return action(UninstallAction.Action.NAMESPACE, namespace, removeLabels + "; it existed before crossmesh, so it stays");
            }
            List<String> others = remaining(inNamespace, plan.meshId());
            if (others.isEmpty()) {
                return action(UninstallAction.Action.NAMESPACE, namespace, afterOperator
                        ? "crossmesh created it and nothing else will live in it once the Istio operator has removed the control plane: deleted then"
                                + " (if the operator has not finished by then, it stays and the uninstall says what it holds)"
                        : "crossmesh created it and nothing else lives in it: deleted");
            }
            return action(UninstallAction.Action.NAMESPACE, namespace, removeLabels + "; crossmesh created it, but it stays because it holds "
                    + describe(others) + ", which crossmesh did not create");
        }

        private List<Map<String, Object>> everythingInNamespace(ClusterObjects api) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (String kind : List.of("Secret", "ServiceAccount", "Service", "ConfigMap", "Pod")) {
                all.addAll(api.list("v1", kind, Labels.ISTIO_NAMESPACE, Map.of()));
            }
            all.addAll(api.list("apps/v1", "Deployment", Labels.ISTIO_NAMESPACE, Map.of()));
            for (String kind : List.of("Gateway", "VirtualService", "IstioOperator")) {
                all.addAll(api.list(apiVersions.getOrDefault(kind, defaultApiVersion(kind)), kind, Labels.ISTIO_NAMESPACE, Map.of()));
            }
            return all;
        }

        private void addAll(List<UninstallAction> actions, List<Map<String, Object>> taken, List<Map<String, Object>> candidates,
                Predicate<Map<String, Object>> which) {
            for (Map<String, Object> o : candidates) {
                if (which.test(o) && taken.stream().noneMatch(t -> sameObject(t, o))) {
                    taken.add(o);
                    boolean adopted = "true".equals(ObjectFields.annotations(o).get(Ownership.ADOPTED));
                    actions.add(adopted
                            ? action(UninstallAction.Action.RELEASE, o, "existed before crossmesh (taken over with --force): stays, crossmesh's labels come off")
                            : action(UninstallAction.Action.DELETE, o, ""));
                }
            }
        }

        private UninstallAction action(UninstallAction.Action action, Map<String, Object> o, String detail) {
            return new UninstallAction(target.name(), action, (String) o.get("apiVersion"), (String) o.get("kind"),
                    ClusterObjects.namespaceOf(o), ClusterObjects.nameOf(o), detail);
        }

        /**
         * What stays in istio-system after the removals, apart from what every namespace holds by itself. crossmesh's
         * own objects do not count (pods of its gateway Deployment carry its labels and go with the namespace).
         */
        static List<String> remaining(List<Map<String, Object>> inNamespace, String meshId) {
            return inNamespace.stream()
                    .filter(o -> !Ownership.ownedBy(o, meshId) || "true".equals(ObjectFields.annotations(o).get(Ownership.ADOPTED)))
                    .filter(o -> !NAMESPACE_DEFAULTS.contains(o.get("kind") + " " + ClusterObjects.nameOf(o)))
                    .filter(o -> !(isKind(o, "Secret") && "default".equals(ObjectFields.annotations(o).get(ReaderAccess.SERVICE_ACCOUNT_ANNOTATION))))
                    .map(ClusterObjects::displayName).toList();
        }
    }

    /** Why uninstall leaves istio-system as it is when another crossmesh mesh labelled it. */
    static String otherMeshKeeps(String otherMesh) {
        return "it is labelled for another crossmesh mesh, '" + ControlCharacters.escape(otherMesh)
                + "', whose labels stay: only that mesh's uninstall takes them off";
    }

    static String describe(List<String> objects) {
        String shown = objects.stream().limit(3).collect(Collectors.joining(", "));
        return objects.size() > 3 ? shown + " and " + (objects.size() - 3) + " more" : shown;
    }

    private static boolean isIstiod(Map<String, Object> deployment) {
        String name = ClusterObjects.nameOf(deployment);
        return name.equals("istiod") || name.startsWith("istiod-");
    }

    private static boolean isKind(Map<String, Object> o, String kind) {
        return kind.equals(o.get("kind"));
    }

    private static boolean sameObject(Map<String, Object> a, Map<String, Object> b) {
        return String.valueOf(a.get("kind")).equals(String.valueOf(b.get("kind")))
                && ClusterObjects.namespaceOf(a).equals(ClusterObjects.namespaceOf(b))
                && String.valueOf(ClusterObjects.nameOf(a)).equals(String.valueOf(ClusterObjects.nameOf(b)));
    }

    private static String defaultApiVersion(String kind) {
        return switch (kind) {
            case "IstioOperator" -> "install.istio.io/v1alpha1";
            default -> "networking.istio.io/v1";
        };
    }

    // --- removing ------------------------------------------------------------------------------------

    /** One cluster's removals, in order; a failure stops the cluster's remaining steps, and re-running uninstall finishes them. */
    private static final class Removal {
        private final MeshPlan plan;
        private final ClusterTarget target;
        private final List<StepOutcome> outcomes;
        private final Consumer<ApplyEvent> emit;
        private final CancelToken cancel;
        private boolean failed;

        Removal(MeshPlan plan, ClusterTarget target, List<StepOutcome> outcomes, Consumer<ApplyEvent> emit, CancelToken cancel) {
            this.plan = plan;
            this.target = target;
            this.outcomes = outcomes;
            this.emit = emit;
            this.cancel = cancel;
        }

        void run(List<UninstallAction> actions) {
            for (UninstallAction a : actions) {
                String step = a.object();
                if (failed || cancel.isCancelled()) {
                    record(step, StepOutcome.Status.NOT_ATTEMPTED, ApplyEvent.Kind.SKIPPED,
                            "not attempted: " + (failed ? "an earlier step of " + target.name() + " failed" : "cancelled before this step"));
                    continue;
                }
                emit.accept(ApplyEvent.of(target.name(), step, ApplyEvent.Kind.STARTED, "removing"));
                try {
                    switch (a.action()) {
                        case DELETE -> {
                            boolean deleted = target.api().delete(reference(a), false);
                            record(step, deleted ? StepOutcome.Status.APPLIED : StepOutcome.Status.UNCHANGED,
                                    deleted ? ApplyEvent.Kind.DONE : ApplyEvent.Kind.UNCHANGED, deleted ? "deleted" : "already gone");
                        }
                        case RELEASE -> release(a);
                        case NAMESPACE -> namespace(a);
                        case KEEP -> record(step, StepOutcome.Status.SKIPPED, ApplyEvent.Kind.SKIPPED, "kept: " + a.detail());
                    }
                } catch (RuntimeException e) {
                    failed = true;
                    KubeFailures.Verb verb = a.action() == UninstallAction.Action.DELETE ? KubeFailures.Verb.DELETE : KubeFailures.Verb.UPDATE;
                    record(step, StepOutcome.Status.FAILED, ApplyEvent.Kind.FAILED,
                            KubeFailures.describe(target.name(), target.server(), verb, step, a.kind(), e, "uninstall"));
                }
            }
        }

        private void release(UninstallAction a) {
            Map<String, Object> live = target.api().getFresh(a.apiVersion(), a.kind(), a.namespace(), a.name());
            if (live == null) {
                record(a.object(), StepOutcome.Status.UNCHANGED, ApplyEvent.Kind.UNCHANGED, "already gone");
                return;
            }
            Map<String, Object> body = ObjectFields.deepCopy(live);
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
            Map<String, String> labels = new LinkedHashMap<>(ObjectFields.labels(live));
            labels.remove(Labels.MANAGED_BY);
            labels.remove(Labels.MESH);
            Map<String, String> annotations = new LinkedHashMap<>(ObjectFields.annotations(live));
            annotations.remove(Ownership.ADOPTED);
            metadata.put("labels", labels);
            metadata.put("annotations", annotations);
            target.api().update(body, false);
            record(a.object(), StepOutcome.Status.SKIPPED, ApplyEvent.Kind.DONE, "kept (it existed before crossmesh); crossmesh's labels removed");
        }

        private void namespace(UninstallAction a) {
            Map<String, Object> live = target.api().getFresh("v1", "Namespace", "", Labels.ISTIO_NAMESPACE);
            if (live == null) {
                record(a.object(), StepOutcome.Status.UNCHANGED, ApplyEvent.Kind.UNCHANGED, "already gone");
                return;
            }
            Optional<String> otherMesh = OtherMesh.of(live, plan.meshId());
            if (otherMesh.isPresent()) {
                // labelled for another mesh since the uninstall looked: its labels are not ours to take off
                record(a.object(), StepOutcome.Status.SKIPPED, ApplyEvent.Kind.SKIPPED, "kept: " + otherMeshKeeps(otherMesh.get()));
                return;
            }
            Map<String, Object> cleaned = NamespaceAdoption.withoutOurMarks(live);
            if (cleaned == null) {
                record(a.object(), StepOutcome.Status.SKIPPED, ApplyEvent.Kind.SKIPPED, "kept: crossmesh added nothing to it");
                return;
            }
            if (NamespaceAdoption.createdByCrossmesh(live)) {
                // look again now that crossmesh's objects are gone: someone may have put something there meanwhile
                List<String> others = Discovery.remaining(new Discovery(plan, target).everythingInNamespace(target.api()), plan.meshId());
                if (others.isEmpty()) {
                    target.api().delete(live, false);
                    record(a.object(), StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE, "deleted (crossmesh created it and it is empty now)");
                    return;
                }
                target.api().update(cleaned, false);
                record(a.object(), StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE, "crossmesh's labels removed; the namespace stays because it holds "
                        + describe(others) + ", which crossmesh did not create");
                return;
            }
            target.api().update(cleaned, false);
            record(a.object(), StepOutcome.Status.APPLIED, ApplyEvent.Kind.DONE,
                    "crossmesh's labels removed, other labels kept; the namespace stays (it existed before crossmesh)");
        }

        private Map<String, Object> reference(UninstallAction a) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", a.name());
            if (!a.namespace().isEmpty()) {
                metadata.put("namespace", a.namespace());
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("apiVersion", a.apiVersion());
            o.put("kind", a.kind());
            o.put("metadata", metadata);
            return o;
        }

        private void record(String step, StepOutcome.Status status, ApplyEvent.Kind kind, String message) {
            outcomes.add(new StepOutcome(step, status, message));
            emit.accept(ApplyEvent.of(target.name(), step, kind, message));
        }
    }
}
