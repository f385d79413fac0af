package dev.crossmesh.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Collects what a monitor publishes, and waits for a snapshot that satisfies a condition. */
final class Snapshots implements AutoCloseable {
    private final List<MeshStatus> seen = new ArrayList<>();
    private final StatusMonitor.Subscription subscription;

    Snapshots(StatusMonitor monitor) {
        subscription = monitor.subscribe(this::add);
    }

    private synchronized void add(MeshStatus status) {
        seen.add(status);
        notifyAll();
    }

    synchronized List<MeshStatus> all() {
        return List.copyOf(seen);
    }

    synchronized MeshStatus last() {
        return seen.isEmpty() ? null : seen.get(seen.size() - 1);
    }

    /** Waits until the newest snapshot satisfies the condition; fails with the last one seen after the timeout. */
    synchronized MeshStatus await(String what, Predicate<MeshStatus> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            MeshStatus last = last();
            if (last != null && condition.test(last)) {
                return last;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no snapshot where " + what + " within " + timeout + "; last: " + describe(last));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    MeshStatus await(String what, Predicate<MeshStatus> condition) throws InterruptedException {
        return await(what, condition, Duration.ofSeconds(20));
    }

    /** Waits until the newest snapshot has a finding with this code for this cluster. */
    MeshStatus awaitFinding(String code, String cluster) throws InterruptedException {
        return await(code + " for " + cluster, s -> s.findings().stream().anyMatch(f -> f.code().equals(code) && f.cluster().equals(cluster)));
    }

    /** Waits until the newest snapshot has no finding at all. */
    MeshStatus awaitHealthy() throws InterruptedException {
        return await("no findings", s -> s.settled() && s.findings().isEmpty()
                && s.clusters().stream().allMatch(c -> c.gateway().probe().state() == ProbeState.READY));
    }

    static String describe(MeshStatus s) {
        if (s == null) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (ClusterStatus c : s.clusters()) {
            b.append("\n  ").append(c.name()).append(' ').append(c.state()).append(" (").append(c.stateDetail()).append(") network=").append(c.network())
                    .append(" istiod=").append(c.istiod()).append(" gateway=").append(c.gateway().address()).append(' ').append(c.gateway().probe().state())
                    .append(' ').append(c.gateway().probe().detail()).append(" pods=").append(c.gateway().podsReady()).append('/').append(c.gateway().podsTotal())
                    .append(" secrets=").append(c.remoteSecretClusters()).append(" root=").append(c.rootCertificate().shortSha256());
        }
        s.findings().forEach(f -> b.append("\n  ").append(f.toLine()));
        return b.toString();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
