package dev.crossmesh.ui.core;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs the work and its callback at once on the calling thread: for view-model tests, where a command's whole
 * effect is visible when the call returns and no screen or FX thread exists.
 */
public final class ImmediateTaskExecutor implements TaskExecutor {
    @Override
    public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return DONE;
        }
        onSuccess.accept(result);
        return DONE;
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }

    @Override
    public void shutdown() {
        // nothing runs in the background
    }

    private static final Cancellable DONE = new Cancellable() {
        @Override
        public void cancel() {
            // already done
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
