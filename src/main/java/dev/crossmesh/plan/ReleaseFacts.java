package dev.crossmesh.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What crossmesh believes about one Istio release: everything that changes what it renders, checks or runs. The values
 * come from Istio's own sources at the release tag; {@link IstioReleases} says for each where it was read.
 *
 * @param version                  the first release these facts hold for (the table's key)
 * @param released                 when {@code MAJOR.MINOR.0} was tagged
 * @param newestPatch              the newest tag of this minor that the table knows (what the wizard offers), e.g. {@code 1.30.3}
 * @param supportEnded             when Istio's support of this minor ended; empty while it is supported
 * @param prerelease               a release candidate: offered, never the default
 * @param note                     one line for the wizard's version list
 * @param eastWestPorts            the east-west gateway's port names
 * @param routerModeEnv            the gateway carries {@code ISTIO_META_ROUTER_MODE=sni-dnat}
 * @param overlayMeshIdentity      the istioctl overlay repeats {@code values.global.meshID} and {@code multiCluster.clusterName}
 * @param overlayInjectionTemplate the overlay sets {@code values.gateways.istio-ingressgateway.injectionTemplate: gateway}
 * @param gatewayInjection         istiod has the gateway injection template, so the gateway can be plain Kubernetes objects
 * @param exposeIstiodRevisioned   a revisioned control plane is exposed as {@code expose-istiod-rev.yaml.tmpl} does it
 * @param networkingApi            the {@code networking.istio.io} version Istio's samples use
 * @param remoteInstall            how a remote cluster gets the pieces of a control plane it needs, and nothing more
 * @param externalIstiod           how a primary is told that it serves remote clusters
 * @param controlPlaneClusters     remotes name their primary in the {@code topology.istio.io/controlPlaneClusters} annotation
 * @param gatewayDataplaneModeNone the gateway chart labels the gateway {@code istio.io/dataplane-mode: none}
 * @param readerRbac               what the remote-secret reader may do in its cluster
 * @param inClusterOperator        Istio still ships the in-cluster operator that installs an applied IstioOperator
 * @param remoteSecretCommand      how istioctl names the command that prints a remote secret
 * @param remoteSecretServerFlag   {@code create-remote-secret --server}
 * @param remoteSecretTlsServerNameFlag {@code create-remote-secret --tls-server-name}
 * @param istioctlMakesReaderToken istioctl creates the reader's token Secret on Kubernetes 1.24+ (before, it only reads one)
 * @param clusterzDebug            istiod serves {@code /debug/clusterz} on its monitoring port: the remote clusters it reads
 *                                 and whether each is synced (what {@code istioctl remote-clusters} lists)
 * @param helm                     the Helm charts of the release
 */
public record ReleaseFacts(
        IstioVersion version,
        LocalDate released,
        String newestPatch,
        Optional<LocalDate> supportEnded,
        boolean prerelease,
        String note,
        EastWestPorts eastWestPorts,
        boolean routerModeEnv,
        boolean overlayMeshIdentity,
        boolean overlayInjectionTemplate,
        boolean gatewayInjection,
        boolean exposeIstiodRevisioned,
        String networkingApi,
        RemoteInstall remoteInstall,
        ExternalIstiod externalIstiod,
        boolean controlPlaneClusters,
        boolean gatewayDataplaneModeNone,
        ReaderRbac readerRbac,
        boolean inClusterOperator,
        String remoteSecretCommand,
        boolean remoteSecretServerFlag,
        boolean remoteSecretTlsServerNameFlag,
        boolean istioctlMakesReaderToken,
        boolean clusterzDebug,
        HelmCharts helm) {

    public ReleaseFacts {
        Objects.requireNonNull(version);
        Objects.requireNonNull(released);
        Objects.requireNonNull(newestPatch);
        Objects.requireNonNull(supportEnded);
        Objects.requireNonNull(eastWestPorts);
        Objects.requireNonNull(networkingApi);
        Objects.requireNonNull(remoteInstall);
        Objects.requireNonNull(externalIstiod);
        Objects.requireNonNull(readerRbac);
        Objects.requireNonNull(remoteSecretCommand);
        Objects.requireNonNull(helm);
    }

    /** The names of the gateway's TLS (15443), istiod (15012) and webhook (15017) ports. */
    public record EastWestPorts(String tls, String istiod, String webhook) {
    }

    /** How a remote cluster of a primary-remote mesh is installed; a remote never gets an istiod of its own. */
    public enum RemoteInstall {
        /**
         * No way to install a remote without an istiod of its own that injects the remote's cluster and network: the
         * injection path that carries them ({@code values.istiodRemote.injectionPath}) arrived in 1.11.
         */
        UNSUPPORTED,
        /** The istiodRemote component instead of pilot, with the base chart (it holds the remote's {@code istiod} Service). */
        ISTIOD_REMOTE_WITH_BASE,
        /** The istiodRemote component instead of pilot; the istiodRemote chart has the {@code istiod} Service itself. */
        ISTIOD_REMOTE,
        /** {@code profile: remote}. */
        REMOTE_PROFILE
    }

    /** How a primary of a primary-remote mesh learns that it serves remotes (patches their webhooks, signs their certificates). */
    public enum ExternalIstiod {
        /** {@code values.pilot.env.EXTERNAL_ISTIOD: true}: the chart does not map a value to it. */
        PILOT_ENV,
        /** {@code values.global.externalIstiod: true}, which the chart turns into the environment variable. */
        GLOBAL_VALUE
    }

    /**
     * The reader service account's ClusterRole as the chart at the tag renders it.
     *
     * @param clusterRoleName name of the ClusterRole crossmesh creates when the reader has none (the placeholder
     *                        {@code {rev}} stands for {@code -<revision>} or nothing)
     * @param rules           what every reader may do
     * @param remoteRules     what the reader of a remote cluster may do besides: the primary writes config maps and
     *                        patches webhooks there
     */
    public record ReaderRbac(String clusterRoleName, List<Rule> rules, List<Rule> remoteRules) {
        public ReaderRbac {
            rules = List.copyOf(rules);
            remoteRules = List.copyOf(remoteRules);
        }

        public String clusterRoleName(String revision) {
            return clusterRoleName.replace("{rev}", revision.isEmpty() ? "" : "-" + revision);
        }
    }

    /** One RBAC rule. */
    public record Rule(List<String> apiGroups, List<String> resources, List<String> verbs) {
        public Rule {
            apiGroups = List.copyOf(apiGroups);
            resources = List.copyOf(resources);
            verbs = List.copyOf(verbs);
        }
    }

    /**
     * The release's Helm charts, as {@code helm upgrade --install} takes them from Istio's chart repository.
     *
     * @param chartRepository           the charts are in Istio's chart repository with the release as their version, so
     *                                  {@code --version <istio version>} finds them
     * @param gatewayChart              the {@code gateway} chart with {@code networkGateway} exists
     * @param gatewayServiceAnnotations the gateway chart puts {@code service.annotations} on its Service; before, only the
     *                                  top-level {@code annotations} (which it puts on the Deployment too)
     * @param remote                    how a remote cluster's part of the control plane is installed with Helm
     * @param gatewayNetworkPorts       the gateway chart takes {@code networkGatewayPorts} (crossmesh keeps the chart's
     *                                  ports, which are the east-west ports it renders)
     */
    public record HelmCharts(boolean chartRepository, boolean gatewayChart, boolean gatewayServiceAnnotations, HelmRemote remote,
            boolean gatewayNetworkPorts) {
        public HelmCharts {
            Objects.requireNonNull(remote);
        }
    }

    /** How a remote cluster of a primary-remote mesh is installed with Helm; it never gets an istiod of its own. */
    public enum HelmRemote {
        /**
         * No chart installs a remote on its own: the {@code istiod-remote} chart has no {@code istiod} Service for the
         * remote's proxies, and {@code base}, which has it, cannot go beside it (both render
         * {@code istio-reader-service-account}, and Helm refuses an object another release owns).
         */
        NONE,
        /** The {@code istiod-remote} chart alone: it renders the remote's {@code istiod} Service, the webhook and the reader. */
        ISTIOD_REMOTE_CHART,
        /** The {@code base} and {@code istiod} charts, both with {@code profile: remote}. */
        REMOTE_PROFILE
    }

    /** A builder that starts from the facts of the release before; each table entry changes only what changed. */
    static final class Builder {
        private IstioVersion version;
        private LocalDate released;
        private String newestPatch;
        private Optional<LocalDate> supportEnded = Optional.empty();
        private boolean prerelease;
        private String note = "";
        private EastWestPorts eastWestPorts;
        private boolean routerModeEnv;
        private boolean overlayMeshIdentity;
        private boolean overlayInjectionTemplate;
        private boolean gatewayInjection;
        private boolean exposeIstiodRevisioned;
        private String networkingApi;
        private RemoteInstall remoteInstall;
        private ExternalIstiod externalIstiod;
        private boolean controlPlaneClusters;
        private boolean gatewayDataplaneModeNone;
        private ReaderRbac readerRbac;
        private boolean inClusterOperator;
        private String remoteSecretCommand;
        private boolean remoteSecretServerFlag;
        private boolean remoteSecretTlsServerNameFlag;
        private boolean istioctlMakesReaderToken;
        private boolean helmChartRepository;
        private boolean helmGatewayChart;
        private boolean helmGatewayServiceAnnotations;
        private HelmRemote helmRemote;
        private boolean helmGatewayNetworkPorts;
        private boolean clusterzDebug;

        Builder() {
        }

        Builder(ReleaseFacts f) {
            version = f.version;
            released = f.released;
            newestPatch = f.newestPatch;
            supportEnded = f.supportEnded;
            prerelease = f.prerelease;
            note = "";
            eastWestPorts = f.eastWestPorts;
            routerModeEnv = f.routerModeEnv;
            overlayMeshIdentity = f.overlayMeshIdentity;
            overlayInjectionTemplate = f.overlayInjectionTemplate;
            gatewayInjection = f.gatewayInjection;
            exposeIstiodRevisioned = f.exposeIstiodRevisioned;
            networkingApi = f.networkingApi;
            remoteInstall = f.remoteInstall;
            externalIstiod = f.externalIstiod;
            controlPlaneClusters = f.controlPlaneClusters;
            gatewayDataplaneModeNone = f.gatewayDataplaneModeNone;
            readerRbac = f.readerRbac;
            inClusterOperator = f.inClusterOperator;
            remoteSecretCommand = f.remoteSecretCommand;
            remoteSecretServerFlag = f.remoteSecretServerFlag;
            remoteSecretTlsServerNameFlag = f.remoteSecretTlsServerNameFlag;
            istioctlMakesReaderToken = f.istioctlMakesReaderToken;
            helmChartRepository = f.helm.chartRepository();
            helmGatewayChart = f.helm.gatewayChart();
            helmGatewayServiceAnnotations = f.helm.gatewayServiceAnnotations();
            helmRemote = f.helm.remote();
            helmGatewayNetworkPorts = f.helm.gatewayNetworkPorts();
            clusterzDebug = f.clusterzDebug;
        }

        Builder version(IstioVersion v) { version = v; return this; }
        Builder released(LocalDate v) { released = v; return this; }
        Builder newestPatch(String v) { newestPatch = v; return this; }
        Builder supportEnded(Optional<LocalDate> v) { supportEnded = v; return this; }
        Builder prerelease(boolean v) { prerelease = v; return this; }
        Builder note(String v) { note = v; return this; }
        Builder eastWestPorts(String tls, String istiod, String webhook) { eastWestPorts = new EastWestPorts(tls, istiod, webhook); return this; }
        Builder routerModeEnv(boolean v) { routerModeEnv = v; return this; }
        Builder overlayMeshIdentity(boolean v) { overlayMeshIdentity = v; return this; }
        Builder overlayInjectionTemplate(boolean v) { overlayInjectionTemplate = v; return this; }
        Builder gatewayInjection(boolean v) { gatewayInjection = v; return this; }
        Builder exposeIstiodRevisioned(boolean v) { exposeIstiodRevisioned = v; return this; }
        Builder networkingApi(String v) { networkingApi = v; return this; }
        Builder remoteInstall(RemoteInstall v) { remoteInstall = v; return this; }
        Builder externalIstiod(ExternalIstiod v) { externalIstiod = v; return this; }
        Builder controlPlaneClusters(boolean v) { controlPlaneClusters = v; return this; }
        Builder gatewayDataplaneModeNone(boolean v) { gatewayDataplaneModeNone = v; return this; }
        Builder readerRbac(ReaderRbac v) { readerRbac = v; return this; }
        Builder inClusterOperator(boolean v) { inClusterOperator = v; return this; }
        Builder remoteSecretCommand(String v) { remoteSecretCommand = v; return this; }
        Builder remoteSecretServerFlag(boolean v) { remoteSecretServerFlag = v; return this; }
        Builder remoteSecretTlsServerNameFlag(boolean v) { remoteSecretTlsServerNameFlag = v; return this; }
        Builder istioctlMakesReaderToken(boolean v) { istioctlMakesReaderToken = v; return this; }
        Builder helmChartRepository(boolean v) { helmChartRepository = v; return this; }
        Builder helmGatewayChart(boolean v) { helmGatewayChart = v; return this; }
        Builder helmGatewayServiceAnnotations(boolean v) { helmGatewayServiceAnnotations = v; return this; }
        Builder helmRemote(HelmRemote v) { helmRemote = v; return this; }
        Builder helmGatewayNetworkPorts(boolean v) { helmGatewayNetworkPorts = v; return this; }
        Builder clusterzDebug(boolean v) { clusterzDebug = v; return this; }

        ReleaseFacts build() {
            return new ReleaseFacts(version, released, newestPatch, supportEnded, prerelease, note, eastWestPorts, routerModeEnv,
                    overlayMeshIdentity, overlayInjectionTemplate, gatewayInjection, exposeIstiodRevisioned,
                    networkingApi, remoteInstall, externalIstiod, controlPlaneClusters, gatewayDataplaneModeNone, readerRbac,
                    inClusterOperator, remoteSecretCommand, remoteSecretServerFlag, remoteSecretTlsServerNameFlag,
                    istioctlMakesReaderToken, clusterzDebug,
                    new HelmCharts(helmChartRepository, helmGatewayChart, helmGatewayServiceAnnotations, helmRemote, helmGatewayNetworkPorts));
        }
    }
}
