package dev.crossmesh.ui.topology;

import java.util.function.Consumer;

import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusMonitor;

/**
 * Where the live view's snapshots come from: a {@link StatusMonitor} ({@code monitor::subscribe}), or in tests and
 * benchmarks anything that produces {@link MeshStatus} snapshots. Snapshots may arrive on any thread.
 */
@FunctionalInterface
public interface StatusFeed {
    /** Delivers the current snapshot, if there is one, and every new one until the subscription is closed. */
    StatusMonitor.Subscription subscribe(Consumer<MeshStatus> consumer);
}
