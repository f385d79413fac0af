package dev.crossmesh.cli;

import java.util.concurrent.Callable;

import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.DiffEngine;
import dev.crossmesh.kube.MeshDiff;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ManifestRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", description = "Show what apply would do, per cluster and object: create, update (which fields), unchanged,"
        + " not owned. Secret values are never shown. Exit 0 compared, 1 a cluster could not be compared, 2 could not run.")
class DiffCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Mixin
    KubeconfigOption kubeconfig;

    @Mixin
    CaOptions ca;

    @Mixin
    ControlPlaneOption controlPlane;

    @Option(names = "--force", description = "show the diff of an apply --force (objects crossmesh did not create, and fields other tools set, are taken over)")
    boolean force;

    private final Terminal terminal;

    DiffCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        MeshPlan meshPlan = plan.readValid(terminal).plan();
        try (ClusterClients clients = new ClusterClients(kubeconfig.kubeconfigs())) {
            KubeconfigOption.requireContexts(meshPlan, clients.kubeconfigs());
            ApplyOptions options = ApplyOptions.defaults().withForce(force).withControlPlane(controlPlane.mode()).withCharts(controlPlane.charts());
            MeshDiff diff = new DiffEngine(clients).diff(ManifestRenderer.render(meshPlan, ca.load(meshPlan, terminal)), options);
            ApplyPrinter.diff(terminal, diff);
            boolean readable = diff.allReachable() && diff.count(dev.crossmesh.kube.ChangeKind.UNREADABLE) == 0;
            return readable ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
