package dev.crossmesh.ui.clusters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.crossmesh.kube.KubeconfigWatcher;

/** Tells when kubeconfig files change on disk; {@code onChange} is called on a background thread. */
@FunctionalInterface
public interface FileWatcher {
    /** Long enough to take a tool's burst of writes as one change, short enough to feel immediate. */
    Duration DEBOUNCE = Duration.ofMillis(300);

    AutoCloseable watch(List<Path> files, Runnable onChange) throws IOException;

    static FileWatcher kubeconfigs() {
        return (files, onChange) -> KubeconfigWatcher.watch(files, DEBOUNCE, onChange);
    }

    static FileWatcher none() {
        return (files, onChange) -> () -> { };
    }
}
