package dev.crossmesh.ui.core;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;

/** The app's executor: a few daemon threads for blocking work, callbacks through {@link Platform#runLater}. */
public final class FxTaskExecutor implements TaskExecutor {
    /** Probes of several clusters run side by side; more threads would only contend for the two cores we plan for. */
    private static final int THREADS = 4;

    private final ExecutorService pool;

    public FxTaskExecutor() {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "crossmesh-task-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    @Override
    public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicReference<Future<?>> future = new AtomicReference<>();
        Runnable task = () -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable t) {
                if (!cancelled.get()) {
                    Platform.runLater(() -> {
                        if (!cancelled.get()) {
                            onFailure.accept(t);
                        }
                    });
                }
                return;
            }
            Platform.runLater(() -> {
                if (!cancelled.get()) {
                    onSuccess.accept(result);
                }
            });
        };
        try {
            future.set(pool.submit(task));
        } catch (RejectedExecutionException e) {
            // the window is closing: work asked for now has no one left to report to
            cancelled.set(true);
        }
        return handle(cancelled, future);
    }

    private static Cancellable handle(AtomicBoolean cancelled, AtomicReference<Future<?>> future) {
        return new Cancellable() {
            @Override
            public void cancel() {
                cancelled.set(true);
                if (future.get() != null) {
                    future.get().cancel(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void shutdown() {
        pool.shutdownNow();
    }
}
