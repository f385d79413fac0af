package dev.crossmesh.cli;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusJson;
import dev.crossmesh.status.StatusMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", description = {
        "Show the live state of an applied mesh: per cluster the connection, network label, istiod, east-west gateway "
                + "(address, pods, readiness probe from this machine), remote secrets and root certificate; then the remote-secret matrix and findings.",
        "Exit 0 healthy (no errors, every cluster synced), 1 errors found or a cluster not synced, 2 could not run."})
class StatusCommand implements Callable<Integer> {
    @Mixin
    PlanOption plan;

    @Option(names = "--json", description = "print JSON: {meshId, clusters: [{name, context, state, network, istiod: {ready, total}, "
            + "gateway: {address, ready, total, probe}, remoteSecrets, rootCertSha256}], findings: [{severity, code, cluster, message}]}")
    boolean json;

    @Option(names = "--watch", description = "keep watching: print again (a table, or a JSON line) whenever the status changes, until interrupted or stdin closes")
    boolean watch;

    @Mixin
    KubeconfigOption kubeconfig;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "10",
            description = "how long to wait for every cluster to answer before printing; clusters that have not answered show as connecting and the exit code is 1 (default ${DEFAULT-VALUE})")
    int waitSeconds;

    private final Terminal terminal;
    /** --watch runs until this ends (or forever when it is null or a terminal). */
    private final InputStream stdin;

    StatusCommand(Terminal terminal, InputStream stdin) {
        this.terminal = terminal;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        MeshPlan meshPlan = plan.readValid(terminal).plan();
        if (waitSeconds < 0) {
            throw new CliException(ExitCodes.USAGE, "--wait must be 0 or more seconds, not " + waitSeconds);
        }
        Kubeconfigs kubeconfigs = kubeconfig.readable();
        try (ClusterClients clients = new ClusterClients(kubeconfigs)) {
            if (!watch) {
                MeshStatus status = StatusMonitor.once(meshPlan, clients, Duration.ofSeconds(waitSeconds));
                terminal.println(render(status, false));
                return status.healthy() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            try (StatusMonitor monitor = StatusMonitor.start(meshPlan, clients)) {
                MeshStatus status = monitor.awaitSettled(Duration.ofSeconds(waitSeconds));
                String shown = render(status, false);
                terminal.println(shown);
                status = watch(monitor, status, shown);
                return status.healthy() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FINDINGS, "interrupted before the status was complete");
        }
    }

    /** Prints each new status until stdin closes or the thread is interrupted; returns the last one printed. */
    private MeshStatus watch(StatusMonitor monitor, MeshStatus first, String firstShown) throws InterruptedException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Object endOfInput = new Object();
        StandardInput.onEnd(stdin, "crossmesh-status-stdin", () -> events.add(endOfInput));
        MeshStatus last = first;
        String lastShown = firstShown;
        StatusMonitor.Subscription subscription = monitor.subscribe(events::add);
        try {
            while (true) {
                Object event = events.take();
                if (event == endOfInput) {
                    return last;
                }
                MeshStatus status = (MeshStatus) event;
                String shown = render(status, true);
                // a snapshot can change in ways this view does not show (a probe's time, a detail): print only what differs
                if (!comparable(shown).equals(comparable(lastShown))) {
                    terminal.println(shown);
                    lastShown = shown;
                }
                last = status;
            }
        } finally {
            subscription.close();
        }
    }

    private String render(MeshStatus status, boolean again) {
        if (json) {
            return again || watch ? StatusJson.line(status) : StatusJson.pretty(status);
        }
        return (again ? "\n" : "") + StatusTable.render(status);
    }

    /** The table's first line holds the snapshot time: it does not count as a change. */
    private String comparable(String shown) {
        return json ? shown : shown.strip().replaceFirst("^mesh [^\\n]*\\n", "");
    }
}
