package dev.crossmesh.ui.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries items from background threads to the UI thread in batches: however fast they come (a 10-cluster apply
 * sends hundreds of events in a second), at most one hop is queued on the UI thread at a time, and it takes
 * everything that arrived meanwhile, in order.
 */
public final class UiBatcher<T> {
    private final TaskExecutor executor;
    private final Consumer<List<T>> onUiThread;
    private final ConcurrentLinkedQueue<T> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public UiBatcher(TaskExecutor executor, Consumer<List<T>> onUiThread) {
        this.executor = executor;
        this.onUiThread = onUiThread;
    }

    /** From any thread. */
    public void add(T item) {
        pending.add(item);
        if (scheduled.compareAndSet(false, true)) {
            executor.onUiThread(this::drain);
        }
    }

    /** On the UI thread: hands over what is waiting now (e.g. before the run's final account is shown). */
    public void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item = pending.poll(); item != null; item = pending.poll()) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            onUiThread.accept(batch);
        }
    }
}
