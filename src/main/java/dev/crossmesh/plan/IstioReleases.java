package dev.crossmesh.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.crossmesh.plan.ReleaseFacts.ExternalIstiod;
import dev.crossmesh.plan.ReleaseFacts.HelmRemote;
import dev.crossmesh.plan.ReleaseFacts.RemoteInstall;

/**
 * The one table of what crossmesh knows about Istio releases, read from Istio's sources at the release tags
 * (github.com/istio/istio; paths below are in that repository unless marked). Every entry starts from the entry before
 * and names only what changed, with where it was read. Every minor has an entry (for its dates); a fact that changed
 * inside a minor has a patch entry (1.8.2, 1.9.2, 1.11.4, 1.12.2). Supporting a new release is one more entry.
 * <p>
 * Support dates: 1.13 to 1.20 as istio.io documents them ({@code data/compatibility/supportStatus.yml} in istio/istio.io);
 * the others from the policy then in force and the tags' dates ("3 months after the next minor" up to 1.10, "6 weeks
 * after the N+2 minor" since). This is the only class that orders versions: everything else asks it.
 */
public final class IstioReleases {
    private static final List<ReleaseFacts> TABLE = table();

    private IstioReleases() {
    }

    private static List<ReleaseFacts> table() {
        List<ReleaseFacts> t = new ArrayList<>();
        ReleaseFacts.Builder first = new ReleaseFacts.Builder()
                .version(v("1.8.0")).released(date("2020-11-18")).newestPatch("1.8.6").supportEnded(ended("2021-05-05"))
                .note("the seed's ASM release line; the east-west gateway goes in with istioctl")
                // samples/multicluster/gen-eastwest-gateway.sh@1.8.0: these port names, sni-dnat, meshID and clusterName repeated
                .eastWestPorts("mtls", "tcp-istiod", "tcp-webhook").routerModeEnv(true).overlayMeshIdentity(true)
                .overlayInjectionTemplate(false)
                // manifests/charts/istio-control/istio-discovery/files/gateway-injection-template.yaml: absent at 1.8.6
                .gatewayInjection(false)
                // no samples/multicluster/expose-istiod-rev.yaml.tmpl (expose-istiod.yaml itself is rendered from 1.11 only,
                // with primary-remote: its TCP form of 1.8.0-1.8.1 never is)
                .exposeIstiodRevisioned(false)
                // samples/multicluster/expose-services.yaml@1.8.0
                .networkingApi("networking.istio.io/v1alpha3")
                // operator/pkg/apis/istio/v1alpha1/values_types.proto@1.8.0: IstiodRemoteConfig has injectionURL only, and
                // pkg/kube/inject/webhook.go reads no cluster or network from the injection path before 1.10 (parseInjectEnvs)
                .remoteInstall(RemoteInstall.UNSUPPORTED)
                // pilot/pkg/features/pilot.go: EXTERNAL_ISTIOD; the istiod chart maps no value to it before 1.24
                .externalIstiod(ExternalIstiod.PILOT_ENV).controlPlaneClusters(false).gatewayDataplaneModeNone(false)
                .readerRbac(ReaderRules.V1_8_0)
                .inClusterOperator(true)
                // istioctl/cmd/root.go@1.8.0: only under `x`; istioctl/pkg/multicluster/remote_secret.go@1.8.6: no --server
                .remoteSecretCommand("istioctl x create-remote-secret").remoteSecretServerFlag(false)
                .remoteSecretTlsServerNameFlag(false).istioctlMakesReaderToken(false)
                // manifests/charts/*/Chart.yaml@1.8.0: the charts' own versions (base 1.1.0, istiod 1.2.0), in the release
                // archive only; no gateway chart (manifests/charts/gateway is first in 1.12.0)
                .helmChartRepository(false).helmGatewayChart(false).helmGatewayServiceAnnotations(false)
                // pilot/pkg/xds/debug.go@1.10.6: no /debug/clusterz
                .clusterzDebug(false)
                .helmRemote(HelmRemote.NONE).helmGatewayNetworkPorts(false);
        t.add(first.build());
        // commit 1eb5d9bb907: gen-eastwest-gateway.sh@1.8.2 names the ports tls / tls-istiod / tls-webhook
        patch(t, "1.8.2", f -> f.eastWestPorts("tls", "tls-istiod", "tls-webhook").readerRbac(ReaderRules.V1_8_2));
        minor(t, "1.9.0", "2021-02-05", "1.9.9", "2021-08-14", "",
                // istioctl/pkg/multicluster/remote_secret.go@1.9.0: --server
                f -> f.remoteSecretServerFlag(true).readerRbac(ReaderRules.V1_9_9));
        // commit 1eb057f0805 "Cherrypick gateway injection to 1.9 (#31433)": istio-discovery/files/gateway-injection-template.yaml@1.9.2
        patch(t, "1.9.2", f -> f.gatewayInjection(true));
        minor(t, "1.10.0", "2021-05-14", "1.10.6", "2021-11-12", "", f -> f);
        minor(t, "1.11.0", "2021-08-12", "1.11.8", "2022-03-23", "first release with primary-remote across networks",
                // gen-eastwest-gateway.sh@1.11.0: values.gateways.istio-ingressgateway.injectionTemplate: gateway
                f -> f.overlayInjectionTemplate(true).readerRbac(ReaderRules.V1_11_0)
                        // values_types.proto@1.11.0: istiodRemote.injectionPath, rendered by
                        // istiod-remote/templates/mutatingwebhook.yaml@1.11.0; the remote's istiod Service is in
                        // base/templates/services.yaml (its externalIstiod branch) until 1.12
                        .remoteInstall(RemoteInstall.ISTIOD_REMOTE_WITH_BASE)
                        // pilot/pkg/xds/debug.go@1.11.0: /debug/clusterz lists pkg/cluster/debug.go's DebugInfo
                        // {id, secretName, syncStatus}; istioctl reads it from 1.12 (istioctl/cmd/clusters.go)
                        .clusterzDebug(true));
        // samples/multicluster/expose-istiod-rev.yaml.tmpl: first in 1.11.4
        patch(t, "1.11.4", f -> f.exposeIstiodRevisioned(true));
        minor(t, "1.12.0", "2021-11-16", "1.12.9", "2022-07-08", "",
                // commit de1fa17bbea: gen-eastwest-gateway.sh@1.12.0 drops sni-dnat (istiod sets it: #33129) and meshID / clusterName
                f -> f.routerModeEnv(false).overlayMeshIdentity(false)
                        .readerRbac(ReaderRules.V1_12_9)
                        // istioctl/cmd/root.go@1.12.0: create-remote-secret at the top level
                        .remoteSecretCommand("istioctl create-remote-secret")
                        // manifests/charts/*/README.md@1.12.0: `helm repo add istio https://istio-release.storage.googleapis.com/charts`;
                        // Chart.yaml@1.12.0: "istio/release-builder will replace [version] with the appropriate version"
                        .helmChartRepository(true)
                        // manifests/charts/gateway@1.12.0: networkGateway (templates/service.yaml: the east-west ports);
                        // templates/service.yaml@1.12.0 annotates the Service with .Values.annotations only
                        .helmGatewayChart(true));
        // commit bd2ab9590af "Update gateway service to actually use service annotations (#36397)":
        // manifests/charts/gateway/templates/service.yaml@1.12.2 merges service.annotations
        patch(t, "1.12.2", f -> f.helmGatewayServiceAnnotations(true));
        minor(t, "1.13.0", "2022-02-09", "1.13.9", "2022-10-12", "",
                // istiod-remote/templates/services.yaml and endpoints.yaml@1.13.0: the remote's istiod Service moved there
                f -> f.remoteInstall(RemoteInstall.ISTIOD_REMOTE).readerRbac(ReaderRules.V1_13_9)
                        // the same templates make the istiod-remote chart a remote's whole install with Helm (at 1.12 its istiod
                        // Service was in base/templates/services.yaml, and base and istiod-remote both render
                        // templates/reader-serviceaccount.yaml)
                        .helmRemote(HelmRemote.ISTIOD_REMOTE_CHART));
        minor(t, "1.14.0", "2022-05-27", "1.14.6", "2022-12-27", "",
                // istioctl/pkg/multicluster/remote_secret.go@1.14.0 (#38249): creates the reader's token Secret on Kubernetes 1.24+
                f -> f.istioctlMakesReaderToken(true));
        minor(t, "1.15.0", "2022-08-31", "1.15.7", "2023-04-04", "no remote profile in this release: crossmesh writes its parts out",
                // istio/api annotation/annotations.yaml: topology.istio.io/controlPlaneClusters, read by
                // pilot/pkg/serviceregistry/kube/controller/multicluster.go@1.15.0
                f -> f.controlPlaneClusters(true));
        minor(t, "1.16.0", "2022-11-11", "1.16.7", "2023-07-25", "",
                // manifests/profiles/remote.yaml@1.16.0: a real remote profile again (add-remote-profile.yaml)
                f -> f.remoteInstall(RemoteInstall.REMOTE_PROFILE));
        minor(t, "1.17.0", "2023-02-14", "1.17.8", "2023-10-27", "", f -> f);
        minor(t, "1.18.0", "2023-06-06", "1.18.7", "2024-01-04", "", f -> f);
        minor(t, "1.19.0", "2023-08-31", "1.19.10", "2024-04-24", "", f -> f.readerRbac(ReaderRules.V1_19_10));
        minor(t, "1.20.0", "2023-11-13", "1.20.8", "2024-06-25", "", f -> f);
        minor(t, "1.21.0", "2024-03-12", "1.21.6", "2024-09-22", "", f -> f);
        minor(t, "1.22.0", "2024-05-10", "1.22.8", "2024-12-17", "", f -> f.readerRbac(ReaderRules.V1_22_8));
        minor(t, "1.23.0", "2024-08-11", "1.23.6", "2025-04-08", "", f -> f);
        minor(t, "1.24.0", "2024-11-05", "1.24.6", "2025-06-17", "no in-cluster operator from this release: istioctl or Helm",
                // samples/multicluster/expose-services.yaml and expose-istiod*.yaml@1.24.0
                f -> f.networkingApi("networking.istio.io/v1")
                        // commit c2b027c4e06: the in-cluster operator is gone
                        .inClusterOperator(false)
                        // istio-discovery/templates/deployment.yaml@1.24.0: global.externalIstiod sets EXTERNAL_ISTIOD
                        .externalIstiod(ExternalIstiod.GLOBAL_VALUE)
                        // releasenotes/notes/53294.yaml: istiod-remote folded into istiod --set profile=remote;
                        // base/files/profile-remote.yaml@1.24.0: "The `base` and `istio-discovery` charts must be deployed with this profile"
                        .helmRemote(HelmRemote.REMOTE_PROFILE));
        minor(t, "1.25.0", "2025-02-25", "1.25.5", "2025-09-19", "",
                // manifests/charts/gateway/values.yaml@1.25.0: labels istio.io/dataplane-mode: none
                f -> f.gatewayDataplaneModeNone(true));
        minor(t, "1.26.0", "2025-05-06", "1.26.8", "2025-12-11", "",
                // releasenotes/notes/55692.yaml: create-remote-secret --tls-server-name
                f -> f.remoteSecretTlsServerNameFlag(true).readerRbac(ReaderRules.V1_26_8));
        // the reader ClusterRole's configmaps read is in 1.26 and from 1.29, not in 1.27-1.28 (reader-clusterrole.yaml at each)
        minor(t, "1.27.0", "2025-08-08", "1.27.9", "2026-03-24", "", f -> f.readerRbac(ReaderRules.V1_22_8));
        minor(t, "1.28.0", "2025-10-30", "1.28.10", "2026-06-26", "", f -> f);
        minor(t, "1.29.0", "2026-02-10", "1.29.6", null, "", f -> f.readerRbac(ReaderRules.V1_26_8));
        minor(t, "1.30.0", "2026-05-15", "1.30.3", null, "the newest stable release",
                // releasenotes/notes/59072.yaml: networkGatewayPorts in the gateway chart
                f -> f.helmGatewayNetworkPorts(true));
        minor(t, "1.31.0", "2026-08-19", "1.31.0-rc.0", null, "a release candidate",
                f -> f.prerelease(true));
        return Collections.unmodifiableList(t);
    }

    private static void minor(List<ReleaseFacts> t, String version, String released, String newest, String supportEnded, String note,
            UnaryOperator<ReleaseFacts.Builder> changes) {
        ReleaseFacts.Builder b = new ReleaseFacts.Builder(t.get(t.size() - 1)).version(v(version)).released(date(released))
                .newestPatch(newest).supportEnded(supportEnded == null ? Optional.empty() : ended(supportEnded)).note(note);
        t.add(changes.apply(b).build());
    }

    private static void patch(List<ReleaseFacts> t, String version, UnaryOperator<ReleaseFacts.Builder> changes) {
        ReleaseFacts before = t.get(t.size() - 1);
        t.add(changes.apply(new ReleaseFacts.Builder(before).version(v(version)).note(before.note())).build());
    }

    private static IstioVersion v(String text) {
        return IstioVersion.parse(text).orElseThrow();
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static Optional<LocalDate> ended(String text) {
        return Optional.of(date(text));
    }

    // --- lookup -------------------------------------------------------------------------------

    /** Where a version sits against the table. */
    public enum Standing {
        /** A minor the table has an entry for. */
        KNOWN,
        /** A minor newer than the table knows: rendered as the newest known release. */
        NEWER_THAN_KNOWN,
        /** Older than the oldest entry: crossmesh cannot render it. */
        OLDER_THAN_KNOWN
    }

    /** The facts for a version, and how sure the table is of them. */
    public record Resolved(IstioVersion version, ReleaseFacts facts, Standing standing) {
    }

    /** Every entry, oldest first (patch entries included). */
    public static List<ReleaseFacts> entries() {
        return TABLE;
    }

    /** One entry per minor (its first), oldest first: what the wizard offers. */
    public static List<ReleaseFacts> minors() {
        List<ReleaseFacts> out = new ArrayList<>();
        for (ReleaseFacts f : TABLE) {
            if (out.isEmpty() || !out.get(out.size() - 1).version().minorLine().equals(f.version().minorLine())) {
                out.add(f);
            }
        }
        return out;
    }

    public static IstioVersion oldest() {
        return TABLE.get(0).version();
    }

    /** The newest release that is not a release candidate: the default of new plans. */
    public static String newestStable() {
        for (int i = TABLE.size() - 1; i >= 0; i--) {
            if (!TABLE.get(i).prerelease()) {
                return TABLE.get(i).newestPatch();
            }
        }
        throw new IllegalStateException("the release table has no stable release");
    }

    public static Resolved resolve(IstioVersion version) {
        if (version.compareTo(oldest()) < 0) {
            return new Resolved(version, TABLE.get(0), Standing.OLDER_THAN_KNOWN);
        }
        ReleaseFacts found = TABLE.get(0);
        for (ReleaseFacts f : TABLE) {
            if (f.version().compareTo(version) <= 0) {
                found = f;
            }
        }
        ReleaseFacts newest = TABLE.get(TABLE.size() - 1);
        boolean newer = version.compareTo(newest.version()) > 0 && !version.minorLine().equals(newest.version().minorLine());
        return new Resolved(version, found, newer ? Standing.NEWER_THAN_KNOWN : Standing.KNOWN);
    }

    /** The facts for a plan's version text (a version the validator accepted; unparseable text gets the default's). */
    public static ReleaseFacts facts(String versionText) {
        return resolve(IstioVersion.of(versionText)).facts();
    }

    /** Whether two versions are of the same release line (istioctl installs only its own). */
    public static boolean sameMinor(IstioVersion a, IstioVersion b) {
        return a.minorLine().equals(b.minorLine());
    }
}
