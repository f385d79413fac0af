package dev.crossmesh.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a plan without touching any cluster. The GUI shows the same findings next to the fields
 * their path names, so every message names the field, says what is wrong and how to fix it.
 */
public final class PlanValidator {
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern ANNOTATION_NAME = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private static final Pattern CLUSTER_PATH = Pattern.compile("clusters\\[(\\d+)]");

    private final MeshPlan plan;
    private final List<Finding> findings = new ArrayList<>();
    /** Fields that hold a control character: that one finding says all, so no other check reports (and echoes) them. */
    private final Set<String> refusedPaths = new HashSet<>();

    private PlanValidator(MeshPlan plan) {
        this.plan = plan;
    }

    public static List<Finding> validate(MeshPlan plan) {
        PlanValidator v = new PlanValidator(plan);
        v.checkControlCharacters();
        v.checkMesh();
        v.checkIstio();
        v.checkGateway();
        v.checkClusters();
        v.checkTopology();
        v.checkVerify();
        return v.findings.stream().map(v::withClusterName).map(Finding::printable).toList();
    }

    /** Findings about clusters[i] also carry that cluster's name, so the GUI and status can group by cluster. */
    private Finding withClusterName(Finding f) {
        java.util.regex.Matcher m = CLUSTER_PATH.matcher(f.path());
        if (m.lookingAt()) {
            int index = Integer.parseInt(m.group(1));
            if (index < plan.clusters().size()) {
                return f.forCluster(plan.clusters().get(index).name());
            }
        }
        return f;
    }

    /**
     * Every string of the plan, before anything else: a newline or an escape in a context name ends up in apply.sh,
     * in kubectl's arguments and on terminals. Annotation values alone may hold newlines and tabs (Kubernetes keeps
     * any text there, and they only ever reach YAML, which quotes them).
     */
    private void checkControlCharacters() {
        refuseControl("meshId", plan.meshId(), false);
        refuseControl("trustDomain", plan.trustDomain(), false);
        refuseControl("istio.version", plan.istio().version(), false);
        refuseControl("istio.revision", plan.istio().revision(), false);
        plan.gateway().annotations().forEach((key, value) -> {
            String path = "gateway.annotations." + key;
            if (!refuseControl(path, key, false)) {
                refuseControl(path, value, true);
            }
        });
        for (int i = 0; i < plan.clusters().size(); i++) {
            ClusterSpec c = plan.clusters().get(i);
            String path = "clusters[" + i + "]";
            refuseControl(path + ".name", c.name(), false);
            refuseControl(path + ".context", c.context(), false);
            refuseControl(path + ".network", c.network(), false);
            refuseControl(path + ".region", c.region(), false);
            refuseControl(path + ".apiServer", c.apiServer(), false);
            refuseControl(path + ".tlsServerName", c.tlsServerName(), false);
        }
        refuseControl("verify.imageRegistry", plan.verify().imageRegistry(), false);
    }

    /** @return whether {@code value} was refused for a control character */
    private boolean refuseControl(String path, String value, boolean lineBreaksAllowed) {
        String checked = lineBreaksAllowed ? value.replace('\n', ' ').replace('\t', ' ') : value;
        OptionalInt at = ControlCharacters.firstIn(checked);
        if (at.isEmpty()) {
            return false;
        }
        error(PlanCodes.CONTROL_CHARACTER, path, path + " holds " + ControlCharacters.describe(value.charAt(at.getAsInt()))
                + " at character " + (at.getAsInt() + 1) + " of '" + ControlCharacters.escape(value) + "': control characters are not allowed"
                + (lineBreaksAllowed ? " here (newlines and tabs are)" : " in a plan") + "; remove it (text pasted from a terminal or a file can carry them)");
        refusedPaths.add(path);
        return true;
    }

    private void checkMesh() {
        String problem = Dns1123.labelProblem(plan.meshId());
        if (!problem.isEmpty()) {
            error(PlanCodes.MESH_ID, "meshId", "Mesh ID " + quoted(plan.meshId()) + problem
                    + ": use a DNS-1123 label such as 'mesh1' (lower-case letters, digits, '-'; at most 63)");
        }
        if (!Dns1123.isSubdomain(plan.trustDomain())) {
            error(PlanCodes.TRUST_DOMAIN, "trustDomain", "Trust domain '" + plan.trustDomain()
                    + "' is not a DNS name: use lower-case words separated by dots, such as 'cluster.local'");
        }
        if (plan.ca() == CaMode.MESH_CA) {
            if (plan.istio().flavor() != Flavor.ASM) {
                error(PlanCodes.MESH_CA_NEEDS_ASM, "ca", "CA 'mesh-ca' is Google's Mesh CA, which only Anthos Service Mesh on GKE uses: "
                        + "set istio.flavor to 'asm', or use ca 'shared-root' so crossmesh makes a common root");
            } else if (!plan.trustDomain().endsWith(".svc.id.goog")) {
                warning(PlanCodes.MESH_CA_TRUST_DOMAIN, "trustDomain", "Mesh CA issues identities in the trust domain PROJECT_ID.svc.id.goog, not '"
                        + plan.trustDomain() + "': set trustDomain to your fleet project's, e.g. 'my-project.svc.id.goog'");
            }
        }
    }

    private void checkVerify() {
        String problem = VerifySpec.registryProblem(plan.verify().imageRegistry());
        if (!problem.isEmpty()) {
            error(PlanCodes.VERIFY_IMAGE_REGISTRY, "verify.imageRegistry", "verify.imageRegistry " + problem);
        }
    }

    private void checkIstio() {
        IstioSpec istio = plan.istio();
        Optional<IstioVersion> version = IstioVersion.parse(istio.version());
        if (version.isEmpty()) {
            error(PlanCodes.VERSION_UNPARSEABLE, "istio.version", "Istio version " + quoted(istio.version())
                    + "is not a version: write it as MAJOR.MINOR.PATCH, e.g. \"" + IstioSpec.DEFAULT_VERSION + "\"");
        } else {
            checkRelease(IstioReleases.resolve(version.get()));
        }
        if (istio.hasRevision() && !Dns1123.isLabel(istio.revision())) {
            error(PlanCodes.REVISION, "istio.revision", "Revision '" + shortened(istio.revision()) + "' " + Dns1123.labelProblem(istio.revision())
                    + ": use a DNS-1123 label such as 'asm-1243-1', or leave it empty for no revision");
        } else if (istio.hasRevision() && KubernetesLimits.ISTIOD_SERVICE_PREFIX.length() + istio.revision().length() > Dns1123.MAX_LABEL) {
            int room = Dns1123.MAX_LABEL - KubernetesLimits.ISTIOD_SERVICE_PREFIX.length();
            error(PlanCodes.OBJECT_NAME_TOO_LONG, "istio.revision", "Revision '" + istio.revision() + "' makes istiod's Service '"
                    + KubernetesLimits.ISTIOD_SERVICE_PREFIX + istio.revision() + "' " + (KubernetesLimits.ISTIOD_SERVICE_PREFIX.length()
                    + istio.revision().length()) + " characters long; a Service name is at most " + Dns1123.MAX_LABEL
                    + ", so istioctl install would fail: use a revision of at most " + room + " characters");
        }
    }

    /** What the release table says of the plan's version (see {@link IstioReleases} for where each fact comes from). */
    private void checkRelease(IstioReleases.Resolved resolved) {
        String version = plan.istio().version();
        ReleaseFacts facts = resolved.facts();
        switch (resolved.standing()) {
            case OLDER_THAN_KNOWN -> {
                error(PlanCodes.VERSION_TOO_OLD, "istio.version", "Istio " + version + " is older than " + IstioReleases.oldest().minorLine()
                        + ", the first release with multi-network east-west gateways: use " + IstioReleases.oldest().minorLine() + " or newer");
                return;
            }
            case NEWER_THAN_KNOWN -> warning(PlanCodes.VERSION_UNKNOWN_NEWER, "istio.version", "Istio " + version
                    + " is newer than the releases crossmesh knows (up to " + facts.version().minorLine() + "): it renders what "
                    + facts.newestPatch() + " needs; check the result against that release's samples, or pick a known release");
            case KNOWN -> {
                if (facts.prerelease()) {
                    warning(PlanCodes.VERSION_PRERELEASE, "istio.version", "Istio " + facts.version().minorLine()
                            + " is a release candidate (" + facts.newestPatch() + "): for production pick " + IstioReleases.newestStable());
                }
                facts.supportEnded().ifPresent(ended -> warning(PlanCodes.VERSION_UNSUPPORTED, "istio.version", "Istio "
                        + facts.version().minorLine() + " is out of Istio's support since " + ended
                        + ": it gets no more security fixes; plan an upgrade to " + IstioReleases.newestStable()));
            }
        }
        if (!facts.gatewayInjection()) {
            warning(PlanCodes.GATEWAY_INJECTION_VERSION, "istio.version", "Istio " + version
                    + " has no gateway injection (it came in 1.9.2): the east-west gateway is installed with istioctl from the "
                    + "overlay (IstioOperator 'eastwest'), not as plain Kubernetes objects");
        }
        if (plan.topology() == Topology.PRIMARY_REMOTE && facts.remoteInstall() == ReleaseFacts.RemoteInstall.UNSUPPORTED
                && plan.clusters().stream().anyMatch(c -> !c.isPrimary())) {
            error(PlanCodes.REMOTE_NEEDS_RELEASE, "istio.version", "Istio " + version + " cannot run a remote cluster without an istiod "
                    + "of its own across networks: the injection path that tells the primary's istiod the remote's cluster and network "
                    + "(istiodRemote.injectionPath) came in 1.11; use Istio 1.11 or newer, or topology multi-primary");
        }
        if (!facts.remoteSecretTlsServerNameFlag()) {
            for (int i = 0; i < plan.clusters().size(); i++) {
                if (!plan.clusters().get(i).tlsServerName().isEmpty()) {
                    warning(PlanCodes.TLS_SERVER_NAME_VERSION, "clusters[" + i + "].tlsServerName", "istioctl " + facts.version().minorLine()
                            + " has no create-remote-secret --tls-server-name (it came in 1.26): crossmesh apply writes it into the "
                            + "remote secrets, apply.sh adds it to the kubeconfig istioctl prints");
                }
            }
        }
    }

    private void checkGateway() {
        long total = 0;
        for (Map.Entry<String, String> a : plan.gateway().annotations().entrySet()) {
            String key = a.getKey();
            if (key.length() > 316 || !ANNOTATION_NAME.matcher(key).matches()) {
                error(PlanCodes.ANNOTATION_KEY, "gateway.annotations." + key, "Annotation name '" + shortened(key)
                        + "' is not a valid Kubernetes annotation name: use 'prefix/name', e.g. 'networking.gke.io/load-balancer-type'");
            }
            total += utf8Length(key) + utf8Length(a.getValue());
        }
        if (total > KubernetesLimits.ANNOTATIONS_TOTAL_BYTES) {
            error(PlanCodes.ANNOTATIONS_TOO_LARGE, "gateway.annotations", "The gateway's annotations take " + total + " bytes (names and values);"
                    + " Kubernetes allows " + KubernetesLimits.ANNOTATIONS_TOTAL_BYTES + " (256 KB) on one object and would refuse the"
                    + " east-west gateway's Service: shorten or remove the largest");
        }
    }

    private static long utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** A value as a message quotes it: long ones cut, so that a megabyte of text is not echoed back. */
    private static String shortened(String value) {
        return value.length() <= 80 ? value : value.substring(0, 60) + "... (" + value.length() + " characters)";
    }

    private void checkClusters() {
        List<ClusterSpec> clusters = plan.clusters();
        if (clusters.size() < 2) {
            error(PlanCodes.TOO_FEW_CLUSTERS, "clusters", "A mesh across networks needs at least two clusters; the plan has "
                    + clusters.size() + ": add a cluster entry with name, context and network");
        }
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> contexts = new HashMap<>();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterSpec c = clusters.get(i);
            String path = "clusters[" + i + "]";
            String who = c.name().isEmpty() ? "Cluster #" + (i + 1) : "Cluster '" + c.name() + "'";

            String nameProblem = Dns1123.labelProblem(c.name());
            if (!nameProblem.isEmpty()) {
                error(PlanCodes.CLUSTER_NAME, path + ".name", "Cluster #" + (i + 1) + " name " + quoted(c.name()) + nameProblem
                        + ": use a DNS-1123 label such as '" + Dns1123.sanitize(c.name().isEmpty() ? c.context() : c.name())
                        + "'; it becomes the clusterName and the name of its remote secrets");
            } else {
                Integer first = names.putIfAbsent(c.name(), i);
                if (first != null) {
                    error(PlanCodes.DUPLICATE_CLUSTER_NAME, path + ".name", "Cluster name '" + c.name() + "' is already used by cluster #"
                            + (first + 1) + ": every cluster needs its own name, or istiod will ignore one of them");
                }
            }

            if (c.context().isEmpty()) {
                error(PlanCodes.CONTEXT_MISSING, path + ".context", who + " has no kubeconfig context: set context to one listed by `crossmesh contexts`");
            } else {
                Integer first = contexts.putIfAbsent(c.context(), i);
                if (first != null) {
                    error(PlanCodes.DUPLICATE_CONTEXT, path + ".context", who + " uses context '" + c.context()
                            + "', which cluster #" + (first + 1) + " already uses: each cluster needs its own context");
                }
            }

            String networkProblem = Dns1123.labelProblem(c.network());
            if (!networkProblem.isEmpty()) {
                error(PlanCodes.NETWORK, path + ".network", who + " network " + quoted(c.network()) + networkProblem
                        + ": name the cluster's VPC or L3 network with a DNS-1123 label such as 'vpc-1'; clusters that reach each other's pods directly share one");
            }

            if (!c.region().isEmpty() && !REGION.matcher(c.region()).matches()) {
                error(PlanCodes.REGION, path + ".region", who + " region '" + c.region()
                        + "' is not a valid label value: use letters, digits, '-', '_' or '.', e.g. 'europe-west1', or leave it empty");
            }

            checkApiServer(c, path, who);
            if (!c.tlsServerName().isEmpty() && !Dns1123.isSubdomain(c.tlsServerName())) {
                error(PlanCodes.TLS_SERVER_NAME, path + ".tlsServerName", who + " tlsServerName '" + c.tlsServerName()
                        + "' is not a host name: write the name the API server's certificate holds, e.g. 'kubernetes.default.svc', or leave it empty");
            }

            if (plan.topology() == Topology.MULTI_PRIMARY && c.role() == Role.REMOTE) {
                error(PlanCodes.REMOTE_IN_MULTI_PRIMARY, path + ".role", who + " has role 'remote' but the topology is multi-primary, where every cluster runs istiod: "
                        + "set role to 'primary', or topology to 'primary-remote'");
            }
        }
    }

    private void checkApiServer(ClusterSpec c, String path, String who) {
        if (c.apiServer().isEmpty()) {
            return;
        }
        // a user name or password in the URL is a secret (it would go into every remote secret and apply.sh): the
        // finding never repeats the URL, even one that does not parse
        if (ApiServerUrl.hasUserInfo(c.apiServer())) {
            error(PlanCodes.API_SERVER_CREDENTIALS, path + ".apiServer", who + " apiServer holds credentials (a user name or password"
                    + " before '@'), which crossmesh would write into every remote secret and apply.sh: remove them and write"
                    + " https://HOST[:PORT]; the context's kubeconfig holds the credentials");
            return;
        }
        URI uri;
        try {
            uri = new URI(c.apiServer());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            error(PlanCodes.API_SERVER_NOT_HTTPS, path + ".apiServer", who + " apiServer '" + shortened(c.apiServer())
                    + "' is not an https URL: write it as https://HOST[:PORT], or leave it empty to use the context's server");
            return;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            error(PlanCodes.API_SERVER_EXTRA_PARTS, path + ".apiServer", who + " apiServer '" + shortened(c.apiServer()) + "' has a "
                    + (uri.getRawQuery() != null ? "query ('?...')" : "fragment ('#...')") + ", which a Kubernetes API server URL never has:"
                    + " write it as https://HOST[:PORT][/PATH]");
            return;
        }
        if (ApiServerUrl.isLoopbackHost(uri.getHost())) {
            warning(PlanCodes.API_SERVER_LOCAL, path + ".apiServer", who + " apiServer '" + c.apiServer()
                    + "' is a local address that other clusters' istiod cannot reach: use an address reachable from the other clusters' pods");
        }
    }

    private void checkTopology() {
        List<ClusterSpec> clusters = plan.clusters();
        if (clusters.size() >= 2 && clusters.stream().map(ClusterSpec::network).filter(n -> !n.isEmpty()).distinct().count() == 1
                && clusters.stream().noneMatch(c -> c.network().isEmpty())) {
            warning(PlanCodes.SINGLE_NETWORK, "clusters", "All clusters are on network '" + clusters.get(0).network()
                    + "': pods reach each other directly there and the east-west gateway is not needed; "
                    + "give each cluster its own network if they sit in different VPCs");
        }
        if (plan.topology() == Topology.PRIMARY_REMOTE && !clusters.isEmpty() && clusters.stream().noneMatch(ClusterSpec::isPrimary)) {
            error(PlanCodes.NO_PRIMARY, "clusters", "A primary-remote mesh needs at least one cluster with role 'primary' to run istiod: "
                    + "set role: primary on one cluster");
        }
    }

    private void error(String code, String path, String message) {
        if (refusedPaths.contains(path)) {
            return;
        }
        findings.add(Finding.error(code, path, message));
    }

    private void warning(String code, String path, String message) {
        if (refusedPaths.contains(path)) {
            return;
        }
        findings.add(Finding.warning(code, path, message));
    }

    private static String quoted(String value) {
        return value.isEmpty() ? "" : "'" + value + "' ";
    }
}
