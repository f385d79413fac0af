package dev.crossmesh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.crossmesh.AppDirs;
import dev.crossmesh.GuiRequest;
import dev.crossmesh.demo.DemoCluster;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.DemoFaults;
import dev.crossmesh.demo.DemoKubeconfig;
import dev.crossmesh.demo.OfflineFault;
import dev.crossmesh.demo.SimulationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", sortOptions = false,
        description = {"Start demo clusters on this machine, to try crossmesh, train or test.",
                "They are Kubernetes API servers inside crossmesh, each with a simulated",
                "Istio control plane and a gateway on 127.0.0.2, 127.0.0.3, ...",
                "No cloud account, nothing installed. Prints one line per cluster, then 'ready'.",
                "Runs until Ctrl-C, or until its standard input (a pipe) closes.",
                "Without --headless it opens the wizard on the demo clusters and stops them",
                "when the window closes."},
        footer = {"", "Faults to show on purpose (CLUSTER: a demo cluster's name or number):",
                "  --no-load-balancer            no gateway Service gets an address",
                "  --no-load-balancer=2          only demo-cluster-2's stays pending",
                "  --break-root-ca               the last cluster publishes another root",
                "  --offline 2@30+15             demo-cluster-2's API server stops 30 s",
                "                                after 'ready' and is back 15 s later",
                "  --offline demo-cluster-1@60   stops after 60 s, for good (repeatable)"})
class DemoCommand implements Callable<Integer> {
    static final int MIN_CLUSTERS = 2;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "2", description = "how many clusters, 2 to 50 (default 2)")
    int clusters;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig to write (default ~/.crossmesh/demo/kubeconfig; never ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--headless", description = "do not open the wizard; for scripts, tests and a second terminal")
    boolean headless;

    @Option(names = "--delay", paramLabel = "SECONDS",
            description = "how long gateway pods and istiod take to turn ready and load balancers to give an address (default 1)")
    BigDecimal delay;

    @Option(names = "--no-load-balancer", arity = "0..1", paramLabel = "CLUSTER", fallbackValue = "all",
            description = "gateway Services stay pending (no address): on every cluster, or the one named")
    List<String> noLoadBalancer = new ArrayList<>();

    @Option(names = "--break-root-ca", arity = "0..1", paramLabel = "CLUSTER", fallbackValue = "last",
            description = "one cluster's istio-ca-root-cert holds another root than the others' (default: the last cluster)")
    List<String> breakRootCa = new ArrayList<>();

    @Option(names = "--offline", paramLabel = OfflineFault.SYNTAX,
            description = "stop that cluster's API server SECONDS after 'ready', and start it again +SECONDS later; repeatable")
    List<String> offline = new ArrayList<>();

    private final Terminal terminal;
    private final GuiOpener gui;
    private final InputStream stdin;
    private final Object stopLock = new Object();
    private boolean stopped;

    DemoCommand(Terminal terminal, GuiOpener gui, InputStream stdin) {
        this.terminal = terminal;
        this.gui = gui;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        if (clusters < MIN_CLUSTERS || clusters > DemoClusters.MAX_CLUSTERS) {
            throw new CliException(ExitCodes.USAGE, "--clusters " + clusters + ": a demo mesh has " + MIN_CLUSTERS + " to "
                    + DemoClusters.MAX_CLUSTERS + " clusters");
        }
        Path file = kubeconfig != null ? kubeconfig : AppDirs.demoKubeconfig();
        DemoFaults faults;
        SimulationOptions simulation = SimulationOptions.defaults();
        try {
            faults = DemoFaults.parse(clusters, markers(noLoadBalancer, "all"), markers(breakRootCa, "last"), offline);
            if (delay != null) {
                if (delay.signum() < 0 || delay.compareTo(BigDecimal.valueOf(3600)) > 0) {
                    throw new IllegalArgumentException("--delay " + delay.toPlainString() + ": give 0 to 3600 seconds");
                }
                simulation = simulation.withDelay(Duration.ofMillis(delay.movePointRight(3).longValue()));
            }
            DemoKubeconfig.checkWritable(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
        DemoKubeconfig.liveServer(file).ifPresent(server -> {
            throw new CliException(ExitCodes.USAGE, "another crossmesh demo is running with " + file + " (" + server + "); stop it first, "
                    + "or give this one a file of its own with --kubeconfig");
        });

        DemoClusters demo;
        try {
            demo = DemoClusters.builder().clusters(clusters).kubeconfig(file).simulation(simulation).faults(faults)
                    .onEvent(event -> terminal.problem(event.toString())).start();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.USAGE, "could not start the demo clusters: " + e.getMessage(), e);
        }
        // Ctrl-C and kill: stop the servers and take back the kubeconfig that would point at nothing
        Thread onExit = new Thread(() -> stop(demo), "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            List<DemoCluster> list = demo.clusters();
            int nameWidth = list.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            int urlWidth = list.stream().mapToInt(c -> c.apiServer().length()).max().orElse(0);
            int regionWidth = list.stream().mapToInt(c -> c.region().length()).max().orElse(0);
            for (DemoCluster c : list) {
                terminal.println(line(c, nameWidth, urlWidth, regionWidth));
            }
            terminal.problem("kubeconfig: " + file.toAbsolutePath() + "  (export KUBECONFIG=" + file.toAbsolutePath() + ")");
            terminal.problem(headless ? "running; stop with Ctrl-C" + (StandardInput.endMeansStop(stdin) ? " or by closing standard input" : "")
                    : "opening the wizard on the demo clusters; closing it stops them");
            terminal.println("ready");
            if (headless) {
                awaitEnd();
                return ExitCodes.OK;
            }
            return gui.open(new GuiRequest(null, false, file.toAbsolutePath()));
        } finally {
            stop(demo);
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is running or ran
            }
        }
    }

    /** The option given without a cluster arrives as its fallback marker; the faults take "" for "the default cluster(s)". */
    private static List<String> markers(List<String> values, String marker) {
        return values.stream().map(v -> v.equalsIgnoreCase(marker) ? "" : v).toList();
    }

    /** {@code demo-cluster-1  https://127.0.0.1:40123  region=europe-west1  gateway=127.0.0.2} */
    static String line(DemoCluster c, int nameWidth, int urlWidth, int regionWidth) {
        String gateway;
        if (c.faults().contains("no load balancer")) {
            gateway = "gateway=pending";
        } else {
            gateway = "gateway=" + c.gateway().address() + (c.gateway().standardPort() ? "" : " status-port=" + c.gateway().statusPort());
        }
        String text = String.format(Locale.ROOT, "%-" + nameWidth + "s  %-" + urlWidth + "s  region=%-" + regionWidth + "s  %s",
                c.name(), c.apiServer(), c.region(), gateway);
        return c.faults().isEmpty() ? text : text + "  (" + String.join("; ", c.faults()) + ")";
    }

    /** Blocks until standard input ends (when that means stop) or the thread is interrupted; Ctrl-C ends the JVM. */
    private void awaitEnd() {
        CountDownLatch end = new CountDownLatch(1);
        StandardInput.onEnd(stdin, "demo-stdin", end::countDown);
        try {
            end.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(DemoClusters demo) {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        demo.close();
        boolean removed = demo.removeKubeconfig();
        terminal.problem("demo clusters stopped" + (removed ? "; removed " + demo.kubeconfig().toAbsolutePath() : ""));
    }
}
