package dev.crossmesh.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.plan.ReleaseFacts.RemoteInstall;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;

/**
 * Plan to manifests, per cluster, in apply order. A pure function: the same plan, certificates and
 * gateway addresses give the same bytes, which is what makes the preview the thing that gets applied.
 */
public final class ManifestRenderer {
    public static final String CA_KEY_FILE = "ca-key.pem";
    /** The name of the east-west gateway's istioctl overlay, as gen-eastwest-gateway.sh names it. */
    public static final String EASTWEST_OVERLAY = "eastwest";

    private final MeshPlan plan;
    private final ReleaseFacts release;
    private final Map<String, ClusterCerts> certs;
    /**
     * A source cluster's remote secret is the same in every cluster that reads it: it is built and written out once, not
     * once per reader (n instead of n(n-1) YAML texts: a 50-cluster plan renders in 26 ms instead of 197 ms).
     */
    private final Map<String, Manifest> remoteSecretTemplates = new HashMap<>();

    private ManifestRenderer(MeshPlan plan, Map<String, ClusterCerts> certs) {
        this.plan = plan;
        this.release = IstioReleases.facts(plan.istio().version());
        this.certs = certs;
    }

    /**
     * @param certs per cluster name, the plug-in CA files; required for every cluster when the plan's CA is shared-root.
     *              Remotes of a primary-remote mesh hold {@link #addressPlaceholder} for their primary's gateway
     *              address, filled in with {@link RenderedMesh#withGatewayAddresses} once it is known.
     */
    public static RenderedMesh render(MeshPlan plan, Map<String, ClusterCerts> certs) {
        ManifestRenderer r = new ManifestRenderer(plan, certs);
        Map<String, List<Manifest>> byCluster = new LinkedHashMap<>();
        for (ClusterSpec cluster : plan.clusters()) {
            byCluster.put(cluster.name(), r.renderCluster(cluster));
        }
        return new RenderedMesh(plan, byCluster);
    }

    /** The text that stands for a primary's gateway address in its remotes' IstioOperator until the address is known. */
    public static String addressPlaceholder(String primaryCluster) {
        return "EASTWEST_ADDRESS_OF_" + primaryCluster;
    }

    private List<Manifest> renderCluster(ClusterSpec cluster) {
        List<Manifest> out = new ArrayList<>();
        boolean runsIstiod = plan.topology() == Topology.MULTI_PRIMARY || cluster.isPrimary();
        add(out, cluster, ApplyMethod.API, namespace(cluster), Set.of());
        if (plan.ca() == CaMode.SHARED_ROOT) {
            add(out, cluster, ApplyMethod.API, cacerts(cluster), Set.of(CA_KEY_FILE));
        }
        add(out, cluster, ApplyMethod.ISTIOCTL, controlPlane(cluster, runsIstiod), Set.of());
        if (release.gatewayInjection()) {
            add(out, cluster, ApplyMethod.ALTERNATIVE, eastWestOverlay(cluster), Set.of());
            add(out, cluster, ApplyMethod.API, gatewayServiceAccount(cluster), Set.of());
            add(out, cluster, ApplyMethod.API, gatewayDeployment(cluster), Set.of());
            add(out, cluster, ApplyMethod.API, gatewayService(cluster), Set.of());
        } else {
            // without istiod's gateway injection template a Deployment with image "auto" never starts: istioctl installs it
            add(out, cluster, ApplyMethod.ISTIOCTL, eastWestOverlay(cluster), Set.of());
        }
        if (runsIstiod) {
            add(out, cluster, ApplyMethod.API, crossNetworkGateway(), Set.of());
        }
        if (plan.topology() == Topology.PRIMARY_REMOTE && cluster.isPrimary()) {
            add(out, cluster, ApplyMethod.API, istiodGateway(), Set.of());
            add(out, cluster, ApplyMethod.API, istiodVirtualService(), Set.of());
        }
        for (ClusterSpec source : plan.remoteSecretSources(cluster)) {
            Manifest template = remoteSecretTemplate(source);
            out.add(new Manifest(cluster.name(), out.size() + 1, ApplyMethod.REMOTE_SECRET, template.object(), template.yaml(), template.hiddenKeys()));
        }
        return out;
    }

    private Manifest remoteSecretTemplate(ClusterSpec source) {
        return remoteSecretTemplates.computeIfAbsent(source.name(),
                name -> Manifest.of(name, 0, ApplyMethod.REMOTE_SECRET, RemoteSecrets.template(plan, source), Set.of(name)));
    }

    private static void add(List<Manifest> out, ClusterSpec cluster, ApplyMethod method, Map<String, Object> object, Set<String> hidden) {
        out.add(Manifest.of(cluster.name(), out.size() + 1, method, object, hidden));
    }

    // --- objects -------------------------------------------------------------------------------

    private Map<String, Object> namespace(ClusterSpec cluster) {
        Map<String, Object> labels = ownLabels();
        labels.put(Labels.NETWORK, cluster.network());
        Map<String, Object> metadata = map("name", Labels.ISTIO_NAMESPACE, "labels", labels);
        plan.primaryFor(cluster).filter(p -> release.controlPlaneClusters())
                .ifPresent(p -> metadata.put("annotations", map(Labels.CONTROL_PLANE_CLUSTERS, p.name())));
        return object("v1", "Namespace", metadata);
    }

    private Map<String, Object> cacerts(ClusterSpec cluster) {
        ClusterCerts c = certs.get(cluster.name());
        if (c == null) {
            throw new IllegalArgumentException("no plug-in CA certificates for cluster " + cluster.name() + " (ca: shared-root)");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ca-cert.pem", c.caCertPem());
        data.put(CA_KEY_FILE, c.caKeyPem());
        data.put("root-cert.pem", c.rootCertPem());
        data.put("cert-chain.pem", c.certChainPem());
        Map<String, Object> secret = object("v1", "Secret", metadata("cacerts", ownLabels()));
        secret.put("type", "Opaque");
        secret.put("stringData", data);
        return secret;
    }

    private Map<String, Object> controlPlane(ClusterSpec cluster, boolean runsIstiod) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (!runsIstiod && release.remoteInstall() == RemoteInstall.REMOTE_PROFILE) {
            spec.put("profile", "remote");
        }
        if (plan.istio().hasRevision()) {
            spec.put("revision", plan.istio().revision());
        }
        Map<String, Object> meshConfig = map("trustDomain", plan.trustDomain());
        spec.put("meshConfig", meshConfig);
        if (!runsIstiod && release.remoteInstall() != RemoteInstall.REMOTE_PROFILE) {
            spec.put("components", remoteComponents());
        }

        Map<String, Object> global = new LinkedHashMap<>();
        global.put("meshID", plan.meshId());
        global.put("multiCluster", map("clusterName", cluster.name()));
        global.put("network", cluster.network());
        Map<String, Object> values = map("global", global);
        Map<String, Object> pilotEnv = new LinkedHashMap<>();
        if (plan.ca() == CaMode.MESH_CA) {
            global.put("caAddress", "meshca.googleapis.com:443");
            global.put("pilotCertProvider", "kubernetes");
            pilotEnv.put("CA_PROVIDER", "GoogleCA");
        } else if (plan.istio().flavor() == Flavor.ASM) {
            global.put("pilotCertProvider", "istiod");
            pilotEnv.put("CA_PROVIDER", "Citadel");
        }
        if (plan.topology() == Topology.PRIMARY_REMOTE) {
            if (runsIstiod) {
                switch (release.externalIstiod()) {
                    case PILOT_ENV -> pilotEnv.put("EXTERNAL_ISTIOD", "true");
                    case GLOBAL_VALUE -> global.put("externalIstiod", true);
                }
            }
            plan.primaryFor(cluster).ifPresent(primary -> {
                global.put("remotePilotAddress", addressPlaceholder(primary.name()));
                if (release.remoteInstall() != RemoteInstall.REMOTE_PROFILE) {
                    remoteProfileValues(global, values);
                }
                values.put("istiodRemote", map("injectionPath", "/inject/cluster/" + cluster.name() + "/net/" + cluster.network()));
            });
        }
        if (!pilotEnv.isEmpty()) {
            values.put("pilot", map("env", pilotEnv));
        }
        spec.put("values", values);
        Map<String, Object> iop = object("install.istio.io/v1alpha1", "IstioOperator", metadata("crossmesh-control-plane", ownLabels()));
        iop.put("spec", spec);
        return iop;
    }

    /**
     * A remote's components where the release has no remote profile that leaves istiod out: what
     * {@code manifests/profiles/remote.yaml} sets from 1.16, written out (1.8-1.14 name the default profile "remote";
     * 1.15 has none). Up to 1.12 the base chart holds the remote's {@code istiod} Service that points at the primary.
     */
    private Map<String, Object> remoteComponents() {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("base", map("enabled", release.remoteInstall() == RemoteInstall.ISTIOD_REMOTE_WITH_BASE));
        components.put("pilot", map("enabled", false));
        components.put("ingressGateways", List.of(map("name", "istio-ingressgateway", "enabled", false)));
        components.put("istiodRemote", map("enabled", true));
        return components;
    }

    /** The values of 1.16's remote profile, for releases without it (see {@link #remoteComponents()}). */
    private static void remoteProfileValues(Map<String, Object> global, Map<String, Object> values) {
        global.put("externalIstiod", true);
        global.put("omitSidecarInjectorConfigMap", true);
        global.put("configCluster", false);
        values.put("telemetry", map("enabled", false));
    }

    /** What {@code samples/multicluster/gen-eastwest-gateway.sh} prints for this version and network. */
    private Map<String, Object> eastWestOverlay(ClusterSpec cluster) {
        Map<String, Object> gatewayLabels = gatewaySelector();
        gatewayLabels.put(Labels.NETWORK, cluster.network());

        // as the sample: LoadBalancer is the IstioOperator's default, ports without a protocol are TCP
        Map<String, Object> service = new LinkedHashMap<>();
        if (plan.gateway().serviceType() != ServiceType.LOAD_BALANCER) {
            service.put("type", plan.gateway().serviceType().yamlName());
        }
        List<Object> ports = new ArrayList<>();
        for (GatewayPort p : gatewayPorts()) {
            ports.add(map("name", p.name(), "port", p.port(), "targetPort", p.port()));
        }
        service.put("ports", ports);
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("env", gatewayEnv(cluster));
        k8s.put("service", service);
        if (!plan.gateway().annotations().isEmpty()) {
            k8s.put("serviceAnnotations", new LinkedHashMap<String, Object>(plan.gateway().annotations()));
        }
        Map<String, Object> gateway = new LinkedHashMap<>();
        gateway.put("name", Labels.EASTWEST_NAME);
        gateway.put("label", gatewayLabels);
        gateway.put("enabled", true);
        gateway.put("k8s", k8s);

        // key order as the sample prints it
        Map<String, Object> global = new LinkedHashMap<>();
        if (release.overlayMeshIdentity()) {
            global.put("meshID", plan.meshId());
        }
        global.put("network", cluster.network());
        if (release.overlayMeshIdentity()) {
            global.put("multiCluster", map("clusterName", cluster.name()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (release.overlayInjectionTemplate()) {
            values.put("gateways", map("istio-ingressgateway", map("injectionTemplate", "gateway")));
        }
        values.put("global", global);

        Map<String, Object> spec = new LinkedHashMap<>();
        if (plan.istio().hasRevision()) {
            spec.put("revision", plan.istio().revision());
        }
        spec.put("profile", "empty");
        spec.put("components", map("ingressGateways", List.of(gateway)));
        spec.put("values", values);
        Map<String, Object> iop = object("install.istio.io/v1alpha1", "IstioOperator", metadata(EASTWEST_OVERLAY, ownLabels()));
        iop.put("spec", spec);
        return iop;
    }

    private Map<String, Object> gatewayServiceAccount(ClusterSpec cluster) {
        return object("v1", "ServiceAccount", metadata(Labels.EASTWEST_NAME, gatewayObjectLabels(cluster)));
    }

    private Map<String, Object> gatewayDeployment(ClusterSpec cluster) {
        // manifests/charts/gateway/templates/_helpers.tpl (sidecarInjectionLabels): the inject label always, the revision beside it
        Map<String, Object> podLabels = gatewayObjectLabels(cluster);
        podLabels.put("sidecar.istio.io/inject", "true");
        List<Object> ports = new ArrayList<>();
        for (GatewayPort p : gatewayPorts()) {
            ports.add(map("name", p.name(), "containerPort", p.port(), "protocol", "TCP"));
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "istio-proxy");
        // "auto": Istio's gateway injection template fills in the proxy image and its settings
        container.put("image", "auto");
        container.put("env", gatewayEnv(cluster));
        container.put("ports", ports);

        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("serviceAccountName", Labels.EASTWEST_NAME);
        podSpec.put("containers", List.of(container));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("metadata", map("annotations", map("inject.istio.io/templates", "gateway"), "labels", podLabels));
        template.put("spec", podSpec);

        Map<String, Object> spec = new LinkedHashMap<>();
        // no replicas: the Deployment starts with one, and crossmesh does not own the count afterwards, so that
        // `kubectl scale` or an HPA is respected (Istio's gateway chart omits it too while its HPA is on, the default:
        // manifests/charts/gateway/templates/deployment.yaml at 1.30.3)
        spec.put("selector", map("matchLabels", gatewaySelector()));
        spec.put("template", template);
        Map<String, Object> deployment = object("apps/v1", "Deployment", metadata(Labels.EASTWEST_NAME, gatewayObjectLabels(cluster)));
        deployment.put("spec", spec);
        return deployment;
    }

    private Map<String, Object> gatewayService(ClusterSpec cluster) {
        Map<String, Object> metadata = metadata(Labels.EASTWEST_NAME, gatewayObjectLabels(cluster));
        if (!plan.gateway().annotations().isEmpty()) {
            metadata.put("annotations", new LinkedHashMap<String, Object>(plan.gateway().annotations()));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", plan.gateway().serviceType().yamlName());
        spec.put("selector", gatewaySelector());
        spec.put("ports", servicePorts());
        Map<String, Object> service = object("v1", "Service", metadata);
        service.put("spec", spec);
        return service;
    }

    private Map<String, Object> crossNetworkGateway() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("port", map("number", 15443, "name", "tls", "protocol", "TLS"));
        server.put("tls", map("mode", "AUTO_PASSTHROUGH"));
        server.put("hosts", List.of("*.local"));
        Map<String, Object> spec = map("selector", map(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE), "servers", List.of(server));
        Map<String, Object> gateway = object(release.networkingApi(), "Gateway", metadata(Labels.CROSS_NETWORK_GATEWAY, revisionedLabels()));
        gateway.put("spec", spec);
        return gateway;
    }

    /**
     * {@code samples/multicluster/expose-istiod.yaml} (or {@code expose-istiod-rev.yaml.tmpl} for a revision): lets remotes
     * reach the primary's istiod through its east-west gateway. Only rendered from 1.11 (primary-remote needs it), so
     * the TCP form of 1.8.0-1.8.1 never is.
     */
    private Map<String, Object> istiodGateway() {
        List<Object> servers = new ArrayList<>();
        for (Object[] p : new Object[][] {{15012, "istiod"}, {15017, "istiodwebhook"}}) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("port", map("name", "tls-" + p[1], "number", p[0], "protocol", "tls"));
            server.put("tls", map("mode", "PASSTHROUGH"));
            server.put("hosts", List.of("*"));
            servers.add(server);
        }
        Map<String, Object> gateway = object(release.networkingApi(), "Gateway", metadata("istiod-gateway", revisionedLabels()));
        gateway.put("spec", map("selector", map(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE), "servers", servers));
        return gateway;
    }

    private Map<String, Object> istiodVirtualService() {
        boolean revisioned = plan.istio().hasRevision();
        String istiodService = "istiod" + (revisioned ? "-" + plan.istio().revision() : "");
        String istiodHost = istiodService + "." + Labels.ISTIO_NAMESPACE + ".svc.cluster.local";
        boolean revisionTemplate = revisioned && release.exposeIstiodRevisioned();
        List<Object> sniHosts = revisionTemplate
                ? List.of(istiodService + "." + Labels.ISTIO_NAMESPACE + ".svc", istiodHost) : List.of("*");
        List<Object> routes = new ArrayList<>();
        for (int[] p : new int[][] {{15012, 15012}, {15017, 443}}) {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("port", p[0]);
            match.put("sniHosts", sniHosts);
            routes.add(map("match", List.of(match), "route", List.of(map("destination", map("host", istiodHost, "port", map("number", p[1]))))));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hosts", List.of("*"));
        spec.put("gateways", List.of("istiod-gateway"));
        spec.put("tls", routes);
        String name = revisionTemplate ? "istiod-vs-" + plan.istio().revision() : "istiod-vs";
        Map<String, Object> vs = object(release.networkingApi(), "VirtualService", metadata(name, revisionedLabels()));
        vs.put("spec", spec);
        return vs;
    }

    // --- parts ---------------------------------------------------------------------------------

    record GatewayPort(String name, int port) {
    }

    private List<GatewayPort> gatewayPorts() {
        ReleaseFacts.EastWestPorts names = release.eastWestPorts();
        return List.of(
                new GatewayPort("status-port", 15021),
                new GatewayPort(names.tls(), 15443),
                new GatewayPort(names.istiod(), 15012),
                new GatewayPort(names.webhook(), 15017));
    }

    private List<Object> servicePorts() {
        List<Object> ports = new ArrayList<>();
        for (GatewayPort p : gatewayPorts()) {
            ports.add(map("name", p.name(), "port", p.port(), "targetPort", p.port(), "protocol", "TCP"));
        }
        return ports;
    }

    private List<Object> gatewayEnv(ClusterSpec cluster) {
        List<Object> env = new ArrayList<>();
        if (release.routerModeEnv()) {
            env.add(map("name", "ISTIO_META_ROUTER_MODE", "value", "sni-dnat"));
        }
        env.add(map("name", "ISTIO_META_REQUESTED_NETWORK_VIEW", "value", cluster.network()));
        return env;
    }

    private Map<String, Object> gatewaySelector() {
        return map(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE, "app", Labels.EASTWEST_NAME);
    }

    private Map<String, Object> gatewayObjectLabels(ClusterSpec cluster) {
        Map<String, Object> labels = gatewaySelector();
        labels.put(Labels.NETWORK, cluster.network());
        if (release.gatewayDataplaneModeNone()) {
            // the gateway chart keeps its gateways out of an ambient data plane
            labels.put(Labels.DATAPLANE_MODE, "none");
        }
        labels.putAll(revisionedLabels());
        return labels;
    }

    private Map<String, Object> ownLabels() {
        return map(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, Labels.MESH, plan.meshId());
    }

    /** Our labels plus istio.io/rev when the plan has a revision (not on the Namespace: that would turn injection on there). */
    private Map<String, Object> revisionedLabels() {
        Map<String, Object> labels = ownLabels();
        if (plan.istio().hasRevision()) {
            labels.put(Labels.REVISION, plan.istio().revision());
        }
        return labels;
    }

    private static Map<String, Object> metadata(String name, Map<String, Object> labels) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", Labels.ISTIO_NAMESPACE);
        metadata.put("labels", labels);
        return metadata;
    }

    static Map<String, Object> object(String apiVersion, String kind, Map<String, Object> metadata) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        return object;
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
