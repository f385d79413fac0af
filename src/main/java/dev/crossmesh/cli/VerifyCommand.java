package dev.crossmesh.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.KubeContext;
import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.kube.verify.KubeVerifyTarget;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.verify.LiveState;
import dev.crossmesh.verify.MeshVerifier;
import dev.crossmesh.verify.VerifyJson;
import dev.crossmesh.verify.VerifyOptions;
import dev.crossmesh.verify.VerifyProgress;
import dev.crossmesh.verify.VerifyReport;
import dev.crossmesh.verify.VerifyWorkload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", description = {
        "Prove that the mesh carries traffic across networks: deploy helloworld and a curl client in every cluster (namespace "
                + VerifyWorkload.NAMESPACE + ", labelled for sidecar injection), send requests from each client to "
                + "helloworld." + VerifyWorkload.NAMESPACE + ":5000/hello through the exec API, and count which cluster answered each; "
                + "then explain every cluster a client did not reach from the live state, and remove the namespace.",
        "Exit 0 when every cluster reached every cluster its topology says it must, 1 otherwise, 2 could not run."})
class VerifyCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Mixin
    KubeconfigOption kubeconfig;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "20", description = "requests sent from each cluster's client (default ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "how long to wait for the check's pods and their sidecars to be ready (default ${DEFAULT-VALUE}); a request waits at most 10 s")
    int timeoutSeconds;

    @Option(names = "--keep", description = "leave namespace " + VerifyWorkload.NAMESPACE + " in place afterwards (to look at it with kubectl or istioctl)")
    boolean keep;

    @Option(names = "--image-registry", paramLabel = "REGISTRY",
            description = "pull the two images from this registry (a mirror holding examples-helloworld-v1:1.0 and curl:8.16.0) instead of docker.io")
    String imageRegistry;

    @Option(names = "--json", description = "print JSON: {meshId, requests, results: [{from, answeredBy: {<cluster>: <count>}, failed, errors}], "
            + "verdict: ok|partial|failed, findings: [{severity, code, cluster, message}]}")
    boolean json;

    private final Terminal terminal;

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        MeshPlan meshPlan = plan.readValid(terminal).plan();
        VerifyOptions options;
        try {
            options = new VerifyOptions(requests, Duration.ofSeconds(timeoutSeconds), keep, imageRegistry);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Kubeconfigs kubeconfigs = kubeconfig.kubeconfigs();
        if (!kubeconfigs.anyFileExists()) {
            throw new CliException(ExitCodes.USAGE, "no kubeconfig: " + kubeconfigs.describeFiles() + " does not exist; point at one with --kubeconfig FILE");
        }
        KubeconfigOption.requireContexts(meshPlan, kubeconfigs);
        List<String> demo = demoContexts(kubeconfigs, meshPlan);
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            MeshVerifier verifier = new MeshVerifier(meshPlan, options, KubeVerifyTarget.opener(clients),
                    LiveState.snapshot(meshPlan, clients, Duration.ofSeconds(10)), this::progress);
            terminal.problem("verify " + meshPlan.meshId() + ": " + options.requests() + " requests from each of " + meshPlan.clusters().size()
                    + " clusters to " + verifier.workload().url() + (demo.isEmpty() ? "" : " (" + demoNote(demo, meshPlan) + ")"));
            VerifyReport report = verifier.run();
            if (json) {
                terminal.println(VerifyJson.pretty(report));
            } else {
                VerifyPrinter.print(terminal, meshPlan, report, !demo.isEmpty());
            }
            return report.ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    private void progress(VerifyProgress p) {
        if (p.phase() == VerifyProgress.Phase.REQUESTS && p.done() != p.total() && p.done() % 10 != 0) {
            return; // one line per ten requests is progress enough
        }
        terminal.problem("  " + (p.cluster().isEmpty() ? "" : p.cluster() + ": ") + p.message());
    }

    private static List<String> demoContexts(Kubeconfigs kubeconfigs, MeshPlan plan) {
        List<String> demo = new ArrayList<>();
        try {
            for (KubeContext c : kubeconfigs.contexts()) {
                if (c.demo() && plan.clusters().stream().anyMatch(s -> s.context().equals(c.name()))) {
                    demo.add(c.name());
                }
            }
        } catch (KubeconfigException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        return demo;
    }

    private static String demoNote(List<String> demo, MeshPlan plan) {
        String which = demo.size() == plan.clusters().size() ? "all demo clusters"
                : plan.clusters().stream().filter(c -> demo.contains(c.context())).map(ClusterSpec::name).reduce((a, b) -> a + ", " + b).orElse("") + " are demo clusters";
        return which + ": crossmesh's simulated mesh answers, not real proxies";
    }
}
