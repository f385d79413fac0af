package dev.crossmesh.kube;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls back when one of the kubeconfig files changes on disk, so a context added by {@code gcloud} or {@code kind}
 * shows up without a restart (the complaint users have about Lens' kubeconfig sync). Watches the files' folders,
 * because tools replace the file by renaming a new one over it, and debounces, because they write in bursts.
 */
public final class KubeconfigWatcher implements AutoCloseable {
    private final WatchService service;
    private final Map<WatchKey, Path> folders = new HashMap<>();
    private final Set<Path> watchedFiles = new HashSet<>();
    private final Duration debounce;
    private final Runnable onChange;
    private final ScheduledExecutorService scheduler;
    private final Thread thread;
    private ScheduledFuture<?> pending;

    private KubeconfigWatcher(List<Path> files, Duration debounce, Runnable onChange) throws IOException {
        this.debounce = debounce;
        this.onChange = onChange;
        this.service = FileSystems.getDefault().newWatchService();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            Path folder = absolute.getParent();
            watchedFiles.add(absolute);
            if (folder != null && Files.isDirectory(folder) && !folders.containsValue(folder)) {
                WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                folders.put(key, folder);
            }
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kubeconfig-debounce"));
        this.thread = daemon(this::loop, "kubeconfig-watcher");
        thread.start();
    }

    /**
     * Starts watching. Files whose folder does not exist yet are not watched (there is nothing to watch);
     * files that do not exist yet in an existing folder are, so that a new kubeconfig is noticed.
     */
    public static KubeconfigWatcher watch(List<Path> files, Duration debounce, Runnable onChange) throws IOException {
        return new KubeconfigWatcher(files, debounce, onChange);
    }

    /** The folders actually watched. */
    public Set<Path> folders() {
        return Set.copyOf(folders.values());
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path folder = folders.get(key);
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                    } else if (folder != null && event.context() instanceof Path name) {
                        relevant |= watchedFiles.contains(folder.resolve(name));
                    }
                }
                key.reset();
                if (relevant) {
                    schedule();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!scheduler.isShutdown()) {
            pending = scheduler.schedule(onChange, debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        try {
            service.close();
        } catch (IOException e) {
            // nothing left to release
        }
        thread.interrupt();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
