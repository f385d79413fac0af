package dev.crossmesh.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.crossmesh.kube.ChartSource;
import dev.crossmesh.kube.ControlPlaneMode;
import dev.crossmesh.render.HelmInstall;
import picocli.CommandLine.Option;

/** {@code --control-plane auto|istioctl|operator|helm|skip}, and where the Helm path takes its charts from. */
public class ControlPlaneOption {
    @Option(names = "--control-plane", paramLabel = "MODE", defaultValue = "auto",
            description = "how the control plane is installed: auto (operator for demo clusters and clusters with the IstioOperator CRD,"
                    + " else istioctl if found, else a manual step), istioctl, operator, helm (Istio's charts base, istiod and gateway;"
                    + " a manual step pointing at apply-helm.sh without helm), skip; default ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--helm-repo", paramLabel = "URL",
            description = "with --control-plane helm: the chart repository (a mirror of Istio's); default " + HelmInstall.CHART_REPOSITORY)
    String helmRepo;

    @Option(names = "--helm-charts", paramLabel = "DIR",
            description = "with --control-plane helm: a folder of Istio's charts unpacked at the plan's version (helm pull ... --untar),"
                    + " for machines without internet access")
    Path helmCharts;

    public ControlPlaneMode mode() {
        ControlPlaneMode m = ControlPlaneMode.parse(mode).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--control-plane '" + mode + "' is not known; use one of: auto | istioctl | operator | helm | skip"));
        if (m != ControlPlaneMode.HELM && (helmRepo != null || helmCharts != null)) {
            throw new CliException(ExitCodes.USAGE, (helmRepo != null ? "--helm-repo" : "--helm-charts")
                    + " is for the Helm path: add --control-plane helm, or leave it out");
        }
        return m;
    }

    /** Where the Helm path takes Istio's charts from: --helm-repo, --helm-charts or Istio's chart repository. */
    public ChartSource charts() {
        if (helmRepo != null && helmCharts != null) {
            throw new CliException(ExitCodes.USAGE, "--helm-repo and --helm-charts both say where the charts are: give one of them");
        }
        if (helmCharts != null) {
            if (!Files.isDirectory(helmCharts)) {
                throw new CliException(ExitCodes.USAGE, "--helm-charts " + helmCharts + " is not a folder: give the folder that holds the"
                        + " unpacked charts (base, istiod, gateway), as `helm pull istiod --repo " + HelmInstall.CHART_REPOSITORY
                        + " --version <istio version> --untar --untardir DIR` makes it");
            }
            return ChartSource.folder(helmCharts);
        }
        if (helmRepo != null) {
            try {
                return ChartSource.repository(helmRepo);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "--helm-repo " + e.getMessage());
            }
        }
        return ChartSource.istio();
    }
}
