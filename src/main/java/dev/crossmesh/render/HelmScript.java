package dev.crossmesh.render;

import static dev.crossmesh.render.ApplyScript.quote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.ReleaseFacts;
import dev.crossmesh.render.HelmRelease.Step;

/**
 * The {@code apply-helm.sh} of an export: {@code apply.sh}'s steps with Istio's Helm charts in place of istioctl for the
 * control plane and the east-west gateway, in the order of Istio's multicluster guides (Helm tabs): per cluster
 * {@code istio-system} and {@code cacerts}, then {@code base}, {@code istiod} ({@code --wait}) and the {@code gateway}
 * ({@code --wait}), then the cross-network Gateway and expose-istiod; a remote's secret is made before its gateway,
 * because its primary's istiod injects the gateway's pods. Values from the plan are quoted as {@link ApplyScript} quotes them.
 */
final class HelmScript {
    private HelmScript() {
    }

    static String of(RenderedMesh mesh, HelmInstall helm) {
        MeshPlan plan = mesh.plan();
        ReleaseFacts release = IstioReleases.facts(plan.istio().version());
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        s.append("# crossmesh export of mesh ").append(quote(plan.meshId())).append(" (").append(plan.clusters().size())
                .append(" clusters, ").append(plan.topology().yamlName()).append(", Istio ").append(quote(plan.istio().version()))
                .append(") with Istio's Helm charts.\n");
        Optional<String> unavailable = helm.unavailable();
        if (unavailable.isPresent()) {
            s.append("echo ").append(quote(unavailable.get())).append(" >&2\nexit 1\n");
            return s.toString();
        }
        s.append("# Runs the same steps as apply.sh, with Helm for the control plane and the east-west gateway. Needs Helm 3,\n")
                .append("# kubectl, istioctl ").append(quote(release.version().minorLine()))
                .append(" (for the remote secrets) and the kubeconfig contexts named below.\n");
        s.append("# Charts come from Istio's chart repository: ISTIO_HELM_REPO=URL takes them from a mirror of it, ISTIO_HELM_CHARTS=DIR\n")
                .append("# from a folder of unpacked charts (helm pull --untar), with no version check.\n");
        s.append("# Review it, then run: bash apply-helm.sh\n");
        s.append("set -Eeuo pipefail\ncd \"$(dirname \"$0\")\"\n");
        // helm's own error says what failed; this says where
        s.append("cluster=\"\"\ntrap 'echo \"apply-helm.sh stopped${cluster:+ at cluster $cluster}: the command above failed\" >&2' ERR\n\n");
        s.append("istio_version=").append(quote(plan.istio().version())).append('\n');
        s.append("helm_repo=\"${ISTIO_HELM_REPO:-").append(HelmInstall.CHART_REPOSITORY).append("}\"\n\n");
        s.append(HELM_CHECK).append(INSTALL_CHART).append(ApplyScript.functions(release));

        List<String> tokensMade = new ArrayList<>();
        Set<List<String>> secretsMade = new HashSet<>();
        for (ClusterSpec cluster : ApplyScript.applyOrder(plan)) {
            s.append(ApplyScript.clusterHeading(cluster)).append("cluster=").append(quote(cluster.name())).append('\n');
            List<Manifest> manifests = mesh.manifests(cluster.name());
            int controlPlane = manifests.stream().filter(m -> m.method() == ApplyMethod.ISTIOCTL).findFirst().orElseThrow().order();
            manifests.stream().filter(m -> kubectlStep(m) && m.order() < controlPlane).forEach(m -> s.append(ApplyScript.kubectlApply(cluster, m)));
            Optional<ClusterSpec> primary = plan.primaryFor(cluster);
            primary.ifPresent(p -> s.append("primary_address=$(gateway_address ").append(quote(p.context())).append(")\n"));
            if (helm.release(cluster.name(), Step.BASE).isEmpty()) {
                s.append("# no base chart: the istiod-remote chart holds what a remote needs, and both make istio-reader-service-account\n");
            }
            for (HelmRelease r : helm.releases(cluster.name())) {
                if (r.step() == Step.EASTWEST_GATEWAY && primary.isPresent()) {
                    s.append("# the istiod of ").append(quote(primary.get().name())).append(" injects this gateway's pods: it reads this cluster first\n");
                    for (ClusterSpec reader : plan.clusters()) {
                        if (plan.remoteSecretSources(reader).contains(cluster) && secretsMade.add(List.of(reader.name(), cluster.name()))) {
                            ApplyScript.appendRemoteSecret(s, release, cluster, reader, tokensMade);
                        }
                    }
                }
                s.append(install(cluster, r, primary.isPresent()));
            }
            s.append(ApplyScript.gatewayAddressEcho(cluster));
            manifests.stream().filter(m -> kubectlStep(m) && m.order() > controlPlane).forEach(m -> s.append(ApplyScript.kubectlApply(cluster, m)));
            s.append('\n');
        }

        StringBuilder rest = new StringBuilder();
        for (ClusterSpec reader : plan.clusters()) {
            for (ClusterSpec source : plan.remoteSecretSources(reader)) {
                if (secretsMade.add(List.of(reader.name(), source.name()))) {
                    ApplyScript.appendRemoteSecret(rest, release, source, reader, tokensMade);
                }
            }
        }
        if (!rest.isEmpty()) {
            s.append("# --- remote secrets: istiod in each cluster reads the API servers of the clusters it serves ---\ncluster=\"\"\n")
                    .append(rest).append('\n');
        }
        s.append(ApplyScript.doneEcho(plan));
        return s.toString();
    }

    /** Objects applied with kubectl as apply.sh applies them; the gateway chart makes the east-west gateway's own. */
    private static boolean kubectlStep(Manifest m) {
        return m.method() == ApplyMethod.API && !HelmInstall.madeByGatewayChart(m);
    }

    private static String install(ClusterSpec cluster, HelmRelease r, boolean remote) {
        StringBuilder s = new StringBuilder("install_chart ").append(quote(r.name())).append(' ').append(r.chart())
                .append(" --kube-context=").append(quote(cluster.context())).append(" -f ").append(quote(r.path()));
        if (r.step() == Step.CONTROL_PLANE && remote) {
            s.append(" --set-string global.remotePilotAddress=\"${primary_address}\"");
        }
        if (r.waits()) {
            s.append(" --wait");
        }
        return s.append('\n').toString();
    }

    /** Istio's charts are Helm 3 charts (Chart.yaml apiVersion v2). */
    private static final String HELM_CHECK = """
            # Istio's charts are Helm 3 charts (apiVersion v2): refuse another helm before anything is changed.
            helm_version=$(helm version --short 2>/dev/null || true)
            case "$helm_version" in
              v3.*|v[4-9].*) ;;
              *)
                echo "this export installs Istio's Helm charts, which need Helm 3 or newer, but helm on the PATH is ${helm_version:-missing}: install Helm 3 (https://helm.sh/docs/intro/install/)" >&2
                exit 1
                ;;
            esac

            """;

    private static final String INSTALL_CHART = """
            # helm upgrade --install RELEASE CHART [helm flags]: one of Istio's charts at this export's release, in istio-system.
            install_chart() {
              local release="$1" chart="$2"
              shift 2
              if [ -n "${ISTIO_HELM_CHARTS:-}" ]; then
                helm upgrade --install "$release" "${ISTIO_HELM_CHARTS}/${chart}" -n istio-system "$@"
              else
                helm upgrade --install "$release" "$chart" --repo "$helm_repo" --version "$istio_version" -n istio-system "$@"
              fi
            }

            """;
}
