package dev.crossmesh.cli;

import dev.crossmesh.kube.ControlPlaneMode;
import picocli.CommandLine.Option;

/** {@code --control-plane auto|istioctl|operator|skip}. */
public class ControlPlaneOption {
    @Option(names = "--control-plane", paramLabel = "MODE", defaultValue = "auto",
            description = "how the control plane is installed: auto (operator for demo clusters and clusters with the IstioOperator CRD,"
                    + " else istioctl if found, else a manual step), istioctl, operator, skip; default ${DEFAULT-VALUE}")
    String mode;

    public ControlPlaneMode mode() {
        return ControlPlaneMode.parse(mode).orElseThrow(() -> new CliException(ExitCodes.USAGE,
                "--control-plane '" + mode + "' is not known; use one of: auto | istioctl | operator | skip"));
    }
}
