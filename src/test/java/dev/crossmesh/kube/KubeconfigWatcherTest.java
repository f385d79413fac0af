package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigWatcherTest {

    @Test
    void writeAndRenameOverTheFileAreNoticedOnceEachBurst(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "apiVersion: v1\n");
        Semaphore changes = new Semaphore(0);
        AtomicInteger count = new AtomicInteger();
        try (KubeconfigWatcher watcher = KubeconfigWatcher.watch(List.of(config), Duration.ofMillis(200), () -> {
            count.incrementAndGet();
            changes.release();
        })) {
            assertEquals(java.util.Set.of(dir.toAbsolutePath().normalize()), watcher.folders());

            for (int i = 0; i < 5; i++) {
                Files.writeString(config, "apiVersion: v1\n# " + i + "\n");
            }
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "a burst of writes is noticed");

            Path replacement = dir.resolve("config.tmp");
            Files.writeString(replacement, "apiVersion: v1\nkind: Config\n");
            Files.move(replacement, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "a file renamed over the kubeconfig is noticed");
        }
        assertTrue(count.get() <= 3, "bursts are debounced, got " + count.get() + " callbacks");
    }

    @Test
    void otherFilesInTheFolderAreIgnoredAndANewKubeconfigIsNoticed(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config");
        Semaphore changes = new Semaphore(0);
        try (KubeconfigWatcher watcher = KubeconfigWatcher.watch(List.of(config), Duration.ofMillis(100), changes::release)) {
            Files.writeString(dir.resolve("unrelated.txt"), "x");
            assertTrue(!changes.tryAcquire(600, TimeUnit.MILLISECONDS), "an unrelated file is no change");
            Files.writeString(config, "apiVersion: v1\n");
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "a kubeconfig that appears is noticed");
        }
    }
}
