package dev.crossmesh.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.crossmesh.ProcessUsage;
import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusMonitor;

/**
 * The process {@link WatchMemoryBench} measures: reads a plan, reports what it holds, watches the plan's clusters
 * with a {@link StatusMonitor} (as {@code crossmesh status --watch} and the live view do) until the status settles and
 * a while longer, and reports again. The clusters run in another process, so that only watching counts.
 * <p>Arguments: PLAN KUBECONFIG SETTLE_SECONDS. Prints {@code watch-memory idle ...} and
 * {@code watch-memory watching healthy=B ...} lines ({@link ProcessUsage#toLine}).
 */
public final class WatchMemoryProbe {
    static final String PREFIX = "watch-memory";

    private WatchMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        MeshPlan plan = PlanReader.read(Path.of(args[0])).plan();
        Path kubeconfig = Path.of(args[1]);
        long settleMillis = (long) (Double.parseDouble(args[2]) * 1000);
        System.out.println(PREFIX + " idle " + ProcessUsage.sample().toLine());
        try (ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(kubeconfig)));
                StatusMonitor monitor = StatusMonitor.start(plan, clients)) {
            MeshStatus settled = monitor.awaitSettled(Duration.ofSeconds(60));
            Thread.sleep(settleMillis);
            System.out.println(PREFIX + " watching healthy=" + settled.healthy() + " findings=" + settled.findings().size() + " "
                    + ProcessUsage.sample().toLine());
            System.out.flush();
        }
        System.exit(0);
    }
}
