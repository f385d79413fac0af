package dev.crossmesh.kube;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Asks a running apply or uninstall to stop between steps; waits in progress end at once. Thread-safe. */
public final class CancelToken {
    private final CountDownLatch cancelled = new CountDownLatch(1);

    public static CancelToken none() {
        return new CancelToken();
    }

    public void cancel() {
        cancelled.countDown();
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Sleeps up to {@code time}, returning early (true) when cancelled. */
    boolean sleep(Duration time) {
        try {
            return cancelled.await(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
