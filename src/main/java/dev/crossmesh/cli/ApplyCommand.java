package dev.crossmesh.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.crossmesh.kube.ApplyOptions;
import dev.crossmesh.kube.ApplyRollout;
import dev.crossmesh.kube.ApplyResult;
import dev.crossmesh.kube.CancelToken;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.DiffEngine;
import dev.crossmesh.kube.MeshApplier;
import dev.crossmesh.kube.MeshDiff;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ManifestRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apply", description = "Show the diff, ask, then apply the plan to every cluster: objects in order, the control plane,"
        + " the gateway address, the remote secrets. Applying again changes nothing. Exit 0 done, 1 a step failed, 2 could not run.")
class ApplyCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Mixin
    KubeconfigOption kubeconfig;

    @Mixin
    CaOptions ca;

    @Mixin
    ControlPlaneOption controlPlane;

    @Option(names = "--dry-run", description = "send every write with dryRun=All: the API servers check it and change nothing")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "apply without asking")
    boolean yes;

    @Option(names = "--force", description = "take over objects that exist without crossmesh's labels, and fields another tool set to other values (left alone otherwise)")
    boolean force;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "120",
            description = "how long to wait for each east-west gateway's load-balancer address; default ${DEFAULT-VALUE}")
    long waitSeconds;

    private final Terminal terminal;

    ApplyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (waitSeconds < 0) {
            throw new CliException(ExitCodes.USAGE, "--wait must be 0 or more seconds");
        }
        MeshPlan meshPlan = plan.readValid(terminal).plan();
        ApplyOptions options = new ApplyOptions(dryRun, force, controlPlane.mode(), Duration.ofSeconds(waitSeconds), controlPlane.charts());
        try (ClusterClients clients = new ClusterClients(kubeconfig.kubeconfigs())) {
            KubeconfigOption.requireContexts(meshPlan, clients.kubeconfigs());
            // one rendering: the diff shown is of exactly what is applied
            ApplyRollout rollout = ApplyRollout.of(ManifestRenderer.render(meshPlan, ca.load(meshPlan, terminal)), options.controlPlane());
            MeshDiff diff = new DiffEngine(clients).diff(rollout.mesh(), options);
            ApplyPrinter.diff(terminal, diff);
            if (!diff.hasChanges()) {
                terminal.println("nothing to change; checking every object and the gateway addresses once more");
            } else if (!dryRun && !yes) {
                Optional<String> answer = terminal.ask("Apply these changes to " + meshPlan.clusters().size() + " cluster(s)? Type 'yes' to apply: ");
                if (answer.isEmpty()) {
                    throw new CliException(ExitCodes.USAGE, "no answer (no input to read): nothing was applied; run with --yes to apply without asking");
                }
                String a = answer.get().trim().toLowerCase(Locale.ROOT);
                if (!a.equals("yes") && !a.equals("y")) {
                    terminal.println("apply: cancelled, nothing was applied");
                    return ExitCodes.FINDINGS;
                }
            }
            ApplyResult result = new MeshApplier(clients).apply(rollout, options, ApplyPrinter.events(terminal), CancelToken.none());
            ApplyPrinter.result(terminal, result, plan.file.toString());
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}
