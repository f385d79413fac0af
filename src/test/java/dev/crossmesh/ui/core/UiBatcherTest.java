package dev.crossmesh.ui.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Events from many threads reach the UI thread in order, with at most one hop queued at a time. */
class UiBatcherTest {

    @Test
    void manyEventsFromManyThreadsMakeOneHopAndArriveInOrderPerThread() throws Exception {
        QueuedUiThread ui = new QueuedUiThread();
        List<List<String>> batches = new ArrayList<>();
        UiBatcher<String> batcher = new UiBatcher<>(ui, batches::add);

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            int cluster = t;
            threads.add(new Thread(() -> IntStream.range(0, 100).forEach(i -> batcher.add("cluster-" + cluster + " step " + i))));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, ui.queue.size(), "1000 events, one hop waiting for the UI thread");
        ui.runAll();
        assertEquals(1, batches.size());
        assertEquals(1000, batches.get(0).size());
        for (int t = 0; t < 10; t++) {
            String prefix = "cluster-" + t + " ";
            List<String> mine = batches.get(0).stream().filter(s -> s.startsWith(prefix)).toList();
            assertEquals(IntStream.range(0, 100).mapToObj(i -> prefix + "step " + i).toList(), mine);
        }

        batcher.add("later");
        assertEquals(1, ui.queue.size(), "the next event schedules the next hop");
        ui.runAll();
        assertEquals(List.of("later"), batches.get(1));
    }

    /** A UI thread that runs what it is given only when the test says so. */
    private static final class QueuedUiThread implements TaskExecutor {
        final Deque<Runnable> queue = new ArrayDeque<>();

        @Override
        public synchronized void onUiThread(Runnable action) {
            queue.add(action);
        }

        synchronized void runAll() {
            while (!queue.isEmpty()) {
                queue.removeFirst().run();
            }
        }

        @Override
        public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdown() {
        }
    }
}
