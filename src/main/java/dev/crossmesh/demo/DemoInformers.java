package dev.crossmesh.demo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** Small helpers for the demo's own informers. */
final class DemoInformers {
    private DemoInformers() {
    }

    /**
     * Closes informers and waits briefly (2 s in all) for their watches to end, so that the API server stops without
     * waiting for them. Nothing to wait for when the server is not running: no watch is open then.
     */
    static void close(List<? extends SharedIndexInformer<?>> informers, DemoApiServer server) {
        informers.forEach(SharedIndexInformer::close);
        if (!server.isRunning()) {
            return;
        }
        try {
            CompletableFuture.allOf(informers.stream().map(i -> i.stopped().toCompletableFuture().exceptionally(t -> null))
                    .toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // not within 2 s: close goes on regardless
        }
    }
}
