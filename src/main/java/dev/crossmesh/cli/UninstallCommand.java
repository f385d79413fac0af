package dev.crossmesh.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.StepOutcome;
import dev.crossmesh.kube.UninstallAction;
import dev.crossmesh.kube.UninstallPreview;
import dev.crossmesh.kube.UninstallResult;
import dev.crossmesh.kube.Uninstaller;
import dev.crossmesh.plan.MeshPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "uninstall", description = "Remove exactly what crossmesh created for the plan's mesh (found by its labels), in reverse order;"
        + " never an object or namespace it did not create. Exit 0 done, 1 a step failed, 2 could not run.")
class UninstallCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Mixin
    KubeconfigOption kubeconfig;

    @Option(names = {"-y", "--yes"}, description = "remove without asking")
    boolean yes;

    private final Terminal terminal;

    UninstallCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        MeshPlan meshPlan = plan.read().plan();
        try (ClusterClients clients = new ClusterClients(kubeconfig.kubeconfigs())) {
            KubeconfigOption.requireContexts(meshPlan, clients.kubeconfigs());
            Uninstaller uninstaller = new Uninstaller(clients);
            UninstallPreview preview = uninstaller.preview(meshPlan);
            for (Map.Entry<String, List<UninstallAction>> e : preview.actions().entrySet()) {
                terminal.println(e.getKey());
                if (e.getValue().isEmpty()) {
                    terminal.println("  nothing of mesh " + meshPlan.meshId() + " here");
                }
                e.getValue().forEach(a -> terminal.println("  " + a.toLine()));
            }
            preview.errors().forEach((cluster, error) -> terminal.println(cluster + "\n  x not looked at: " + error));
            if (!preview.hasWork()) {
                terminal.println("uninstall: nothing of mesh " + meshPlan.meshId() + " to remove");
                return preview.errors().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            if (!yes) {
                Optional<String> answer = terminal.ask("Remove " + preview.count(UninstallAction.Action.DELETE) + " object(s) of mesh "
                        + meshPlan.meshId() + "? Type 'yes' to remove: ");
                if (answer.isEmpty()) {
                    throw new CliException(ExitCodes.USAGE, "no answer (no input to read): nothing was removed; run with --yes to remove without asking");
                }
                String a = answer.get().trim().toLowerCase(Locale.ROOT);
                if (!a.equals("yes") && !a.equals("y")) {
                    terminal.println("uninstall: cancelled, nothing was removed");
                    return ExitCodes.FINDINGS;
                }
            }
            UninstallResult result = uninstaller.execute(preview, ApplyPrinter.events(terminal), CancelToken.none());
            result.clusters().forEach((cluster, steps) -> steps.stream().filter(StepOutcome::isProblem)
                    .forEach(s -> terminal.println(cluster + ": " + s.step() + ": " + s.message())));
            terminal.println("uninstall: " + result.summary());
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
