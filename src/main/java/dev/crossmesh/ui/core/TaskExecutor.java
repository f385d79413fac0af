package dev.crossmesh.ui.core;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work (cluster calls, certificate generation, file I/O) away from the UI thread and hands the
 * result back on it. View-models take one in their constructor: the app gives them {@link FxTaskExecutor},
 * tests give them {@link ImmediateTaskExecutor} so that a command's effect is visible when it returns.
 */
public interface TaskExecutor {

    /**
     * @param work      runs on a background thread
     * @param onSuccess runs on the UI thread with the result, unless cancelled
     * @param onFailure runs on the UI thread with what {@code work} threw, unless cancelled
     */
    <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs an action on the UI thread: how background listeners (a file watcher, an apply run) report back. */
    void onUiThread(Runnable action);

    /** Stops the background threads; work still running is interrupted. */
    void shutdown();

    /** A handle on submitted work. */
    interface Cancellable {
        /** Interrupts the work if it runs and drops its callbacks. */
        void cancel();

        boolean isCancelled();
    }
}
