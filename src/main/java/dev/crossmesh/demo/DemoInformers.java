package dev.crossmesh.demo;

import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** Small helpers for the demo's own informers. */
final class DemoInformers {
    private DemoInformers() {
    }

    /** Waits briefly for a closed informer's watch to end, so that the API server stops without waiting for it. */
    static void awaitStopped(SharedIndexInformer<?> informer) {
        try {
            informer.stopped().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // stopped with an error, or not within 2 s: close goes on regardless
        }
    }
}
