package dev.crossmesh.kube;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanValidator;
import dev.crossmesh.plan.Severity;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.ExportWriter;
import dev.crossmesh.render.Labels;
import dev.crossmesh.render.Manifest;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Checks the clusters before anything is applied, each in parallel and with short timeouts, so that a dead VPN
 * costs seconds: reachable and version; permission for every write apply makes (SelfSubjectAccessReview); Istio CRDs;
 * an istio-system network label or an installed Istio that disagrees with the plan; two contexts on one API server;
 * root certificates that differ between clusters. Findings come after the plan's own validation findings, in the same shape.
 */
public final class Preflight {
    private static final String GATEWAY_CRD = "gateways.networking.istio.io";

    private final ClusterClients clients;

    public Preflight(ClusterClients clients) {
        this.clients = clients;
    }

    public PreflightReport run(MeshPlan plan) {
        return run(plan, ControlPlaneMode.AUTO);
    }

    public PreflightReport run(MeshPlan plan, ControlPlaneMode mode) {
        return run(plan, mode, ChartSource.istio(), Optional.empty());
    }

    /**
     * @param charts   where the Helm path takes Istio's charts from ({@code mode} {@link ControlPlaneMode#HELM})
     * @param meshRoot the root of the mesh CA folder, when there is one: each cluster's cacerts is compared with it
     */
    public PreflightReport run(MeshPlan plan, ControlPlaneMode mode, ChartSource charts, Optional<X509Certificate> meshRoot) {
        List<Finding> findings = new ArrayList<>(PlanValidator.validate(plan));
        // the shapes of what apply writes; certificates and addresses do not change which objects there are
        RenderedMesh mesh = ManifestRenderer.render(plan.withCa(plan.ca() == CaMode.SHARED_ROOT ? CaMode.EXISTING : plan.ca()), Map.of());
        Map<String, ClusterReport> reports = new ConcurrentHashMap<>();
        List<ClusterSpec> checkable = plan.clusters().stream().filter(c -> !c.context().isEmpty()).toList();
        MeshApplier.inParallel(checkable, c -> reports.put(c.name(), new ClusterRun(plan, c, mode, charts, mesh, meshRoot).check()),
                (c, e) -> reports.put(c.name(), ClusterReport.failed(c, "", "could not check " + c.name() + ": " + KubeFailures.detail(e))));

        List<ClusterCheck> checks = new ArrayList<>();
        for (ClusterSpec c : checkable) {
            ClusterReport r = reports.get(c.name());
            checks.add(r.check());
            findings.addAll(r.findings());
        }
        findings.addAll(sameApiServer(plan, checks));
        findings.addAll(rootCertificates(plan, reports));
        return new PreflightReport(checks, findings);
    }

    private record ClusterReport(ClusterCheck check, List<Finding> findings, String rootFingerprint, String rootSource) {
        static ClusterReport failed(ClusterSpec c, String server, String error) {
            return new ClusterReport(new ClusterCheck(c.name(), c.context(), server, false, "", error, "", List.of()), List.of(), "", "");
        }
    }

    private static List<Finding> sameApiServer(MeshPlan plan, List<ClusterCheck> checks) {
        Map<String, List<ClusterCheck>> byServer = new LinkedHashMap<>();
        checks.stream().filter(c -> !c.server().isEmpty()).forEach(c -> byServer.computeIfAbsent(normalize(c.server()), k -> new ArrayList<>()).add(c));
        List<Finding> findings = new ArrayList<>();
        byServer.forEach((server, same) -> {
            if (same.size() > 1) {
                String names = same.stream().map(c -> c.cluster() + " (context " + c.context() + ")").collect(Collectors.joining(" and "));
                findings.add(new Finding(Severity.ERROR, PreflightCodes.SAME_API_SERVER, "clusters[" + index(plan, same.get(1).cluster()) + "].context",
                        same.get(1).cluster(), names + " point at the same API server " + same.get(0).server()
                                + ": they are one cluster, not two; give each plan cluster the context of a different cluster"));
            }
        });
        return findings;
    }

    private static List<Finding> rootCertificates(MeshPlan plan, Map<String, ClusterReport> reports) {
        if (plan.ca() == CaMode.MESH_CA) {
            return List.of();
        }
        Map<String, List<String>> byRoot = new TreeMap<>();
        plan.clusters().forEach(c -> {
            ClusterReport r = reports.get(c.name());
            if (r != null && !r.rootFingerprint().isEmpty()) {
                byRoot.computeIfAbsent(r.rootFingerprint(), k -> new ArrayList<>()).add(c.name() + " (" + r.rootSource() + ")");
            }
        });
        if (byRoot.size() < 2) {
            return List.of();
        }
        String groups = byRoot.entrySet().stream().map(e -> "root " + e.getKey() + " in " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        if (plan.ca() == CaMode.SHARED_ROOT) {
            return List.of(new Finding(Severity.WARNING, PreflightCodes.ROOT_CERT_MISMATCH, "ca", "", "the clusters' Istio roots differ today ("
                    + groups + "); apply plugs the mesh's one root into every cluster: restart istiod and then the workloads in each cluster"
                    + " afterwards so that they get certificates from it"));
        }
        return List.of(new Finding(Severity.ERROR, PreflightCodes.ROOT_CERT_MISMATCH, "ca", "", "the clusters' Istio roots differ ("
                + groups + "), so cross-cluster mTLS fails: plug certificates from one root into every cluster's cacerts Secret, or set"
                + " ca: shared-root so that crossmesh does it"));
    }

    static String normalize(String server) {
        try {
            URI uri = URI.create(server.trim());
            int port = uri.getPort() == -1 ? ("http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443) : uri.getPort();
            String host = uri.getHost() == null ? server : uri.getHost().toLowerCase(Locale.ROOT);
            return host + ":" + port + (uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            return server.trim().toLowerCase(Locale.ROOT);
        }
    }

    static int index(MeshPlan plan, String cluster) {
        for (int i = 0; i < plan.clusters().size(); i++) {
            if (plan.clusters().get(i).name().equals(cluster)) {
                return i;
            }
        }
        return 0;
    }

    /** The checks of one cluster. */
    private final class ClusterRun {
        private final MeshPlan plan;
        private final ClusterSpec spec;
        private final ControlPlaneMode mode;
        private final ChartSource charts;
        private final RenderedMesh mesh;
        private final Optional<X509Certificate> meshRoot;
        private final String path;
        private final List<Finding> findings = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String rootFingerprint = "";
        private String rootSource = "";

        ClusterRun(MeshPlan plan, ClusterSpec spec, ControlPlaneMode mode, ChartSource charts, RenderedMesh mesh,
                Optional<X509Certificate> meshRoot) {
            this.plan = plan;
            this.spec = spec;
            this.mode = mode;
            this.charts = charts;
            this.mesh = mesh;
            this.meshRoot = meshRoot;
            this.path = "clusters[" + index(plan, spec.name()) + "]";
        }

        ClusterReport check() {
            KubeContext context;
            KubernetesClient client;
            try {
                context = clients.kubeconfigs().context(spec.context());
                client = clients.client(spec.context());
            } catch (KubeconfigException e) {
                // a login plugin that gave no credentials is a credentials problem, as a 401 is
                error(e instanceof LoginPluginException ? PreflightCodes.UNAUTHORIZED : PreflightCodes.CONTEXT_UNKNOWN, path + ".context",
                        "cluster " + spec.name() + ": " + e.getMessage());
                return new ClusterReport(new ClusterCheck(spec.name(), spec.context(), "", false, "", e.getMessage(), "", List.of()),
                        findings, "", "");
            }
            String server = context.server();
            String version;
            try {
                version = client.getKubernetesVersion().getGitVersion();
            } catch (RuntimeException e) {
                int code = KubeFailures.code(e);
                String message = KubeFailures.describe(spec.name(), server, KubeFailures.Verb.GET, "the API server version", "", e, "preflight");
                error(code == 401 || code == 403 ? PreflightCodes.UNAUTHORIZED : PreflightCodes.UNREACHABLE, path + ".context", message);
                return new ClusterReport(new ClusterCheck(spec.name(), spec.context(), server, false, "", KubeFailures.detail(e), "", List.of()),
                        findings, "", "");
            }
            ClusterObjects api = new ClusterObjects(client);
            if (context.demo()) {
                notes.add("demo cluster: an in-process API server, not a real Kubernetes cluster");
            }
            ControlPlanePath controlPlane = safely("the IstioOperator CRD", () -> ControlPlanePath.choose(mode, charts, plan, context, api));
            checkControlPlane(controlPlane);
            checkPermissions(client, controlPlane);
            checkCrds(api, context, controlPlane);
            checkNamespace(api);
            checkOtherMesh(api);
            checkInstalledIstio(api);
            checkCertificates(api);
            checkServer(context);
            return new ClusterReport(new ClusterCheck(spec.name(), spec.context(), server, true, version, "",
                    controlPlane == null ? "" : describe(controlPlane), notes), findings, rootFingerprint, rootSource);
        }

        private String describe(ControlPlanePath p) {
            return switch (p.way()) {
                case OPERATOR -> "IstioOperator applied as a resource (" + p.reason() + ")";
                case ISTIOCTL -> "istioctl install (" + p.reason() + ")";
                case HELM -> "Istio's Helm charts (" + p.reason() + ")";
                case MANUAL -> "manual (" + p.reason() + ")";
                case SKIP -> "skipped (--control-plane skip)";
                case CANNOT -> "cannot install: " + p.reason();
            };
        }

        private void checkControlPlane(ControlPlanePath p) {
            if (p == null) {
                return;
            }
            if (p.way() == ControlPlanePath.Way.MANUAL && mode == ControlPlaneMode.HELM) {
                warning(PreflightCodes.CONTROL_PLANE_MANUAL, "", "cluster " + spec.name() + ": apply cannot install the control plane ("
                        + p.reason() + "); install Helm " + Helm.OLDEST_MAJOR + " or newer on the PATH, or run " + ExportWriter.APPLY_HELM_SCRIPT
                        + " of `crossmesh export` yourself");
            } else if (p.way() == ControlPlanePath.Way.MANUAL) {
                warning(PreflightCodes.CONTROL_PLANE_MANUAL, "", "cluster " + spec.name() + ": apply cannot install the control plane ("
                        + p.reason() + "); install istioctl " + plan.istio().version() + " on the PATH, or install the control plane yourself with"
                        + " the IstioOperator file of `crossmesh export`");
            } else if (p.way() == ControlPlanePath.Way.CANNOT) {
                error(PreflightCodes.CONTROL_PLANE_MANUAL, "", "cluster " + spec.name() + ": " + p.reason());
            }
        }

        /** Every write apply makes here, asked of the API server with SelfSubjectAccessReview. */
        private void checkPermissions(KubernetesClient client, ControlPlanePath controlPlane) {
            record Access(String verb, String group, String resource, String namespace) {
                String words() {
                    return verb + " " + resource + (group.isEmpty() ? "" : "." + group);
                }
            }
            Set<Access> needed = new LinkedHashSet<>();
            for (Manifest m : mesh.manifests(spec.name())) {
                boolean operator = m.method() == ApplyMethod.ISTIOCTL && controlPlane != null && controlPlane.way() == ControlPlanePath.Way.OPERATOR;
                if (m.method() != ApplyMethod.API && m.method() != ApplyMethod.REMOTE_SECRET && !operator) {
                    continue;
                }
                String group = m.apiVersion().contains("/") ? m.apiVersion().substring(0, m.apiVersion().indexOf('/')) : "";
                // server-side apply is a PATCH; for an object not there yet the API server also asks for create
                for (String verb : List.of("create", "patch")) {
                    needed.add(new Access(verb, group, ResourceKinds.plural(m.kind()), m.namespace()));
                }
            }
            if (plan.ca() == CaMode.SHARED_ROOT) {
                // the cacerts Secret: rendered here without certificates, so not among the manifests above
                needed.add(new Access("create", "", "secrets", Labels.ISTIO_NAMESPACE));
                needed.add(new Access("patch", "", "secrets", Labels.ISTIO_NAMESPACE));
            }
            boolean source = plan.clusters().stream().anyMatch(r -> plan.remoteSecretSources(r).stream().anyMatch(s -> s.name().equals(spec.name())));
            if (source) {
                needed.add(new Access("create", "", "serviceaccounts", Labels.ISTIO_NAMESPACE));
                needed.add(new Access("create", "", "secrets", Labels.ISTIO_NAMESPACE));
                needed.add(new Access("create", "rbac.authorization.k8s.io", "clusterroles", ""));
                needed.add(new Access("create", "rbac.authorization.k8s.io", "clusterrolebindings", ""));
            }
            Map<String, List<String>> deniedByNamespace = new TreeMap<>();
            for (Access a : needed) {
                SelfSubjectAccessReview review;
                try {
                    review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                            .withNewSpec().withNewResourceAttributes().withVerb(a.verb()).withGroup(a.group()).withResource(a.resource())
                            .withNamespace(a.namespace().isEmpty() ? null : a.namespace()).endResourceAttributes().endSpec().build());
                } catch (RuntimeException e) {
                    warning(PreflightCodes.CHECK_FAILED, "", "cluster " + spec.name() + ": could not ask the API server whether crossmesh may "
                            + a.words() + " (" + KubeFailures.detail(e) + "); apply may still work");
                    return;
                }
                if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAllowed())) {
                    deniedByNamespace.computeIfAbsent(a.namespace(), k -> new ArrayList<>()).add(a.words());
                }
            }
            if (!deniedByNamespace.isEmpty()) {
                String denied = deniedByNamespace.entrySet().stream()
                        .map(e -> String.join(", ", e.getValue()) + (e.getKey().isEmpty() ? " (cluster-wide)" : " in namespace " + e.getKey()))
                        .collect(Collectors.joining("; "));
                error(PreflightCodes.PERMISSION_DENIED, path + ".context", "cluster " + spec.name() + ": the user of context " + spec.context()
                        + " may not " + denied + ". apply writes these: ask a cluster admin for them (e.g. a binding to cluster-admin"
                        + " for the setup), or use a context with more rights");
            }
        }

        private void checkCrds(ClusterObjects api, KubeContext context, ControlPlanePath controlPlane) {
            Boolean gateway = safely("the Gateway CRD", () -> crdExists(api, GATEWAY_CRD));
            if (gateway != null && !gateway) {
                ControlPlanePath.Way way = controlPlane == null ? ControlPlanePath.Way.MANUAL : controlPlane.way();
                if (context.demo()) {
                    notes.add("no Istio CRDs: the demo API server stores Istio resources without them (a real cluster would not)");
                } else if (way == ControlPlanePath.Way.ISTIOCTL) {
                    notes.add("no Istio CRDs yet: istioctl install adds them before the Gateway is applied");
                } else if (way == ControlPlanePath.Way.HELM) {
                    notes.add("no Istio CRDs yet: Istio's charts add them before the Gateway is applied");
                } else if (way == ControlPlanePath.Way.OPERATOR) {
                    warning(PreflightCodes.GATEWAY_CRD_MISSING, "", "cluster " + spec.name() + ": the Istio Gateway CRD (" + GATEWAY_CRD
                            + ") is not installed yet; the operator installs it with the control plane, so the Gateway step of apply may fail"
                            + " until then: run apply again once istiod runs");
                } else {
                    error(PreflightCodes.GATEWAY_CRD_MISSING, "", "cluster " + spec.name() + ": the Istio CRDs (" + GATEWAY_CRD
                            + ") are not installed, so apply cannot create the cross-network Gateway: install the control plane first"
                            + " (istioctl install), or put istioctl on the PATH so that apply installs it");
                }
            }
            if (mode == ControlPlaneMode.OPERATOR && !context.demo()) {
                Boolean operator = safely("the IstioOperator CRD", () -> crdExists(api, ControlPlanePath.OPERATOR_CRD));
                if (operator != null && !operator) {
                    error(PreflightCodes.OPERATOR_CRD_MISSING, "", "cluster " + spec.name() + ": --control-plane operator needs the Istio operator,"
                            + " but its CRD (" + ControlPlanePath.OPERATOR_CRD + ") is not installed: install the operator (istioctl operator init,"
                            + " Istio before 1.24), or use --control-plane istioctl");
                }
            }
        }

        private void checkNamespace(ClusterObjects api) {
            Map<String, Object> ns = safely("namespace " + Labels.ISTIO_NAMESPACE, () -> api.get("v1", "Namespace", "", Labels.ISTIO_NAMESPACE));
            if (ns == null) {
                return;
            }
            String network = ObjectFields.labels(ns).get(Labels.NETWORK);
            if (network != null && !network.equals(spec.network()) && !NamespaceAdoption.addedLabels(ns).contains(Labels.NETWORK)) {
                error(PreflightCodes.NETWORK_CONFLICT, path + ".network", "cluster " + spec.name() + ": namespace " + Labels.ISTIO_NAMESPACE
                        + " is labelled " + Labels.NETWORK + "=" + network + ", the plan says '" + spec.network() + "'; the pods of this cluster"
                        + " would change network. Set the plan's network to '" + network + "', or run apply with --force to relabel it");
            }
        }

        /** Another crossmesh mesh here: apply leaves the whole cluster alone without --force. */
        private void checkOtherMesh(ClusterObjects api) {
            OtherMesh other = safely("the crossmesh.dev/mesh labels of istio-system, cacerts and the east-west gateway",
                    () -> OtherMesh.on(api, plan.meshId()).orElse(null));
            if (other != null) {
                error(PreflightCodes.OTHER_MESH, "meshId", other.reason(spec.name(), plan.meshId()));
            }
        }

        /** An Istio installed before: its injector values say which mesh, cluster and network it was installed for. */
        private void checkInstalledIstio(ClusterObjects api) {
            String revision = plan.istio().revision();
            List<String> names = revision.isEmpty() ? List.of("istio-sidecar-injector") : List.of("istio-sidecar-injector-" + revision, "istio-sidecar-injector");
            for (String name : names) {
                Map<String, Object> cm = safely("ConfigMap " + Labels.ISTIO_NAMESPACE + "/" + name, () -> api.get("v1", "ConfigMap", Labels.ISTIO_NAMESPACE, name));
                if (cm == null || !(cm.get("data") instanceof Map<?, ?> data) || !(data.get("values") instanceof String values)) {
                    continue;
                }
                JsonObject global;
                try {
                    JsonElement parsed = JsonParser.parseString(values);
                    global = parsed.getAsJsonObject().getAsJsonObject("global");
                } catch (RuntimeException e) {
                    continue;
                }
                if (global == null) {
                    continue;
                }
                String meshId = text(global.get("meshID"));
                String clusterName = global.has("multiCluster") && global.get("multiCluster").isJsonObject()
                        ? text(global.getAsJsonObject("multiCluster").get("clusterName")) : "";
                String network = text(global.get("network"));
                String where = "cluster " + spec.name() + ": the Istio installed here (ConfigMap " + Labels.ISTIO_NAMESPACE + "/" + name + ")";
                if (!meshId.isEmpty() && !meshId.equals(plan.meshId())) {
                    error(PreflightCodes.MESH_ID_CONFLICT, "meshId", where + " has meshID '" + meshId + "', the plan says '" + plan.meshId()
                            + "'; set the plan's meshId to '" + meshId + "' to join that mesh, or reinstall that Istio");
                }
                if (!clusterName.isEmpty() && !clusterName.equals("Kubernetes") && !clusterName.equals(spec.name())) {
                    error(PreflightCodes.CLUSTER_NAME_CONFLICT, path + ".name", where + " has clusterName '" + clusterName + "', the plan says '"
                            + spec.name() + "'; the remote secrets must carry the installed name: rename the plan cluster to '" + clusterName + "'");
                }
                if (!network.isEmpty() && !network.equals(spec.network())) {
                    error(PreflightCodes.NETWORK_CONFLICT, path + ".network", where + " has network '" + network + "', the plan says '"
                            + spec.network() + "'; set the plan's network to '" + network + "'");
                }
                return;
            }
        }

        private void checkCertificates(ClusterObjects api) {
            Map<String, Object> cacerts = safely("Secret " + Labels.ISTIO_NAMESPACE + "/cacerts", () -> api.get("v1", "Secret", Labels.ISTIO_NAMESPACE, "cacerts"));
            if (cacerts != null) {
                String root = ObjectFields.secretData(cacerts).getOrDefault("root-cert.pem", "");
                if (!root.isEmpty()) {
                    rootFingerprint = fingerprint(root);
                    rootSource = "cacerts";
                }
                boolean owned = Ownership.ownedBy(cacerts, plan.meshId());
                if (plan.ca() == CaMode.SHARED_ROOT) {
                    meshRoot.flatMap(folderRoot -> CacertsRoot.mismatch(cacerts, folderRoot)).ifPresent(problem -> otherRoot(problem, owned));
                }
                if (plan.ca() == CaMode.SHARED_ROOT && !owned) {
                    warning(PreflightCodes.CACERTS_NOT_OWNED, "ca", "cluster " + spec.name() + ": a cacerts Secret exists that crossmesh did not create;"
                            + " apply leaves it (and istiod keeps its root) unless run with --force. Use ca: existing to keep it, or --force to"
                            + " replace it with the mesh's shared root");
                }
                return;
            }
            Map<String, Object> rootConfigMap = safely("ConfigMap " + Labels.ISTIO_NAMESPACE + "/istio-ca-root-cert",
                    () -> api.get("v1", "ConfigMap", Labels.ISTIO_NAMESPACE, "istio-ca-root-cert"));
            if (rootConfigMap != null && rootConfigMap.get("data") instanceof Map<?, ?> data && data.get("root-cert.pem") instanceof String root) {
                rootFingerprint = fingerprint(root);
                rootSource = "istio-ca-root-cert";
            }
        }

        /** The cacerts Secret plugs in another root than the mesh CA folder's: apply heals it only if the Secret is ours. */
        private void otherRoot(String problem, boolean owned) {
            String what = "cluster " + spec.name() + ": its cacerts Secret " + problem + ", so this cluster does not trust the others (no mTLS across)";
            if (owned) {
                warning(PreflightCodes.CACERTS_OTHER_ROOT, "ca", what + "; apply replaces it with the mesh CA's intermediate: restart istiod"
                        + " and then the workloads afterwards so that they get certificates of the mesh root");
            } else {
                error(PreflightCodes.CACERTS_OTHER_ROOT, "ca", what + ", and crossmesh did not create it, so apply leaves it: run apply with"
                        + " --force to replace it, or use ca: existing and plug certificates of one root into every cluster yourself");
            }
        }

        private void checkServer(KubeContext context) {
            if (!spec.apiServer().isEmpty() || !MeshApplier.isLoopback(context.server())) {
                return;
            }
            boolean source = plan.clusters().stream().anyMatch(r -> plan.remoteSecretSources(r).stream().anyMatch(s -> s.name().equals(spec.name())));
            if (!source) {
                return;
            }
            if (context.demo()) {
                notes.add("remote secrets will point at " + context.server() + " (loopback), which works because the demo clusters run on this machine");
            } else {
                warning(PreflightCodes.LOCAL_API_SERVER, path + ".apiServer", "cluster " + spec.name() + ": context " + spec.context() + " reaches the API"
                        + " server at " + context.server() + ", a local address that istiod in the other clusters cannot reach; set apiServer for "
                        + spec.name() + " in the plan to an address they can reach");
            }
        }

        private boolean crdExists(ClusterObjects api, String name) {
            return api.get("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", name) != null;
        }

        /** Runs one read; a failure becomes a CM114 warning (or stops nothing else) and gives null. */
        private <T> T safely(String what, java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                int code = KubeFailures.code(e);
                warning(PreflightCodes.CHECK_FAILED, "", "cluster " + spec.name() + ": could not read " + what + " ("
                        + (code == 0 ? "" : "HTTP " + code + ": ") + KubeFailures.detail(e) + "); that check was not made");
                return null;
            }
        }

        private void error(String code, String findingPath, String message) {
            findings.add(new Finding(Severity.ERROR, code, findingPath, spec.name(), message));
        }

        private void warning(String code, String findingPath, String message) {
            findings.add(new Finding(Severity.WARNING, code, findingPath, spec.name(), message));
        }
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? "" : e.getAsString();
    }

    /** SHA-256 of the first certificate in a PEM text, as hex; the text itself when it does not parse. */
    static String fingerprint(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())).substring(0, 16);
        } catch (CertificateException | NoSuchAlgorithmException | RuntimeException e) {
            try {
                return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pem.trim().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
            } catch (NoSuchAlgorithmException impossible) {
                return pem.trim();
            }
        }
    }
}
