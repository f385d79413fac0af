package dev.crossmesh.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ExportWriter;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Write every manifest, per cluster in apply order, an apply.sh with the kubectl/istioctl commands, "
        + "and each cluster's Helm chart values with an apply-helm.sh.")
class ExportCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Mixin
    CaOptions ca;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "folder to write into (created if missing)")
    Path out;

    private final Terminal terminal;

    ExportCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        MeshPlan meshPlan = plan.readValid(terminal).plan();
        RenderedMesh mesh = ManifestRenderer.render(meshPlan, ca.load(meshPlan, terminal));
        List<Path> files;
        try {
            files = ExportWriter.write(mesh, out);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write the export to " + out + ": " + e.getMessage(), e);
        }
        files.forEach(f -> terminal.println(out.resolve(f).toString()));
        terminal.problem("exported " + files.size() + " files for mesh " + meshPlan.meshId() + " to " + out
                + "; remote secrets are made by apply.sh (or apply-helm.sh) with istioctl (no live tokens are written)"
                + (mesh.all().stream().anyMatch(m -> m.hasSecrets()) ? "; *-secret-cacerts.yaml files hold private keys (mode 0600)" : ""));
        HelmValues.render(meshPlan).unavailable().ifPresent(why -> terminal.problem("no Helm values written: " + why));
        return ExitCodes.OK;
    }
}
