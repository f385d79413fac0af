package dev.crossmesh.ui.shell;

import java.nio.file.Path;
import java.util.List;

import dev.crossmesh.AppDirs;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.ui.apply.ApplyService;
import dev.crossmesh.ui.clusters.ClusterChecker;
import dev.crossmesh.ui.clusters.DemoLauncher;
import dev.crossmesh.ui.clusters.FileWatcher;
import dev.crossmesh.ui.core.ClipboardService;
import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.preview.LiveDiffService;
import dev.crossmesh.ui.preview.MeshCaProvider;

/**
 * Everything the wizard needs from outside the screen, in one place: the app passes the real ones, tests their
 * own. The apply engine and the live diff plug in here.
 *
 * @param kubeconfigFiles the kubeconfig files to read first (KUBECONFIG / ~/.kube/config, or the one asked for)
 */
public record UiServices(TaskExecutor executor, DialogService dialogs, ClipboardService clipboard, ClusterChecker clusterChecker,
        DemoLauncher demoLauncher, FileWatcher fileWatcher, List<Path> kubeconfigFiles, MeshCaProvider caProvider, KeyType defaultKeyType,
        LiveDiffService liveDiff, ApplyService apply, PreferencesStore preferences) {

    public UiServices {
        kubeconfigFiles = List.copyOf(kubeconfigFiles);
    }

    /** The mesh CA where {@code crossmesh export} keeps it, so the GUI and the CLI share one root of trust. */
    public static MeshCaProvider defaultCa() {
        return MeshCaProvider.certStore(AppDirs::certs);
    }

    public static PreferencesStore defaultPreferences() {
        return PreferencesStore.file(AppDirs.home().resolve("gui.json"));
    }

    public UiServices withApply(ApplyService value) {
        return new UiServices(executor, dialogs, clipboard, clusterChecker, demoLauncher, fileWatcher, kubeconfigFiles, caProvider,
                defaultKeyType, liveDiff, value, preferences);
    }

    public UiServices withLiveDiff(LiveDiffService value) {
        return new UiServices(executor, dialogs, clipboard, clusterChecker, demoLauncher, fileWatcher, kubeconfigFiles, caProvider,
                defaultKeyType, value, apply, preferences);
    }
}
