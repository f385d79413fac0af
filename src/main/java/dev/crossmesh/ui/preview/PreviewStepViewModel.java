package dev.crossmesh.ui.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ExportWriter;
import dev.crossmesh.render.HelmInstall;
import dev.crossmesh.render.HelmValues;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.render.RenderedMesh;
import dev.crossmesh.ui.core.ClipboardService;
import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.BaseStepViewModel;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.core.UserMessages;

/**
 * Step 4: every manifest of the plan, per cluster in apply order, as it will be applied (secret values hidden),
 * with the plan's findings, copy, export (the layout of {@code crossmesh export}) and the slot for the live diff.
 */
public final class PreviewStepViewModel extends BaseStepViewModel {
    public enum State {
        /** Not rendered yet. */
        IDLE,
        /** Loading or making the mesh CA and rendering. */
        PREPARING,
        READY,
        FAILED
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String IDLE_DIFF_STATUS = "What apply would create, update or leave unchanged on the clusters.";

    private final PlanModel planModel;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ClipboardService clipboard;
    private final MeshCaProvider caProvider;
    private final LiveDiffService diffService;
    private final ObservableValue<KeyType> keyType;
    private final ObservableValue<Kubeconfigs> kubeconfigs;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final ReadOnlyObjectWrapper<RenderedMesh> rendered = new ReadOnlyObjectWrapper<>(this, "rendered");
    private final ReadOnlyObjectWrapper<Rendering> rendering = new ReadOnlyObjectWrapper<>(this, "rendering");
    private final ObservableList<ClusterPreview> clusters = FXCollections.observableArrayList();
    /** Handed out as one instance: a new unmodifiable wrapper per call would lose its listeners once collected. */
    private final ObservableList<ClusterPreview> clustersView = FXCollections.unmodifiableObservableList(clusters);
    private final ObjectProperty<ClusterPreview> selectedCluster = new SimpleObjectProperty<>(this, "selectedCluster");
    private final ObjectProperty<PreviewFile> selectedFile = new SimpleObjectProperty<>(this, "selectedFile");
    private final ReadOnlyStringWrapper selectedYaml = new ReadOnlyStringWrapper(this, "selectedYaml", "");
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<Finding> findingsView = FXCollections.unmodifiableObservableList(findings);
    private final ObservableMap<String, ObjectDiff> diffs = FXCollections.observableHashMap();
    private final ObservableMap<String, ObjectDiff> diffsView = FXCollections.unmodifiableObservableMap(diffs);
    private final ReadOnlyStringWrapper diffStatus = new ReadOnlyStringWrapper(this, "diffStatus", "");
    private final ReadOnlyBooleanWrapper diffRunning = new ReadOnlyBooleanWrapper(this, "diffRunning");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");

    private boolean active;
    private boolean stale = true;
    private long sequence;
    private Path lastExportFolder;

    public PreviewStepViewModel(PlanModel planModel, TaskExecutor executor, DialogService dialogs, ClipboardService clipboard,
            MeshCaProvider caProvider, LiveDiffService diffService, ObservableValue<KeyType> keyType, ObservableValue<Kubeconfigs> kubeconfigs) {
        this.planModel = planModel;
        this.executor = executor;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        this.caProvider = caProvider;
        this.diffService = diffService;
        this.keyType = keyType;
        this.kubeconfigs = kubeconfigs;
        valid.bind(state.isEqualTo(State.READY));
        blocker.bind(Bindings.createStringBinding(() -> switch (state.get()) {
            case READY -> "";
            case FAILED -> status.get();
            default -> "Preparing the preview…";
        }, state, status));
        selectedCluster.addListener((obs, old, cluster) -> selectedFile.set(cluster == null || cluster.files().isEmpty() ? null : cluster.files().get(0)));
        selectedFile.addListener((obs, old, file) -> selectedYaml.set(file == null ? "" : file.previewYaml()));
        planModel.planProperty().addListener((obs, old, plan) -> planChanged());
        keyType.addListener((obs, old, now) -> planChanged());
        diffStatus.set(diffService.available() ? IDLE_DIFF_STATUS
                : "What apply would create, update or leave unchanged: arrives with the apply engine.");
    }

    // Properties

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the preview is doing or found: making the CA, how many manifests, or why rendering failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** {@link ApplyCount#describe()} of the rendering shown: the steps of an apply, by kind. */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    /** The rendered mesh shown, exported and applied: one rendering for all three. */
    public ReadOnlyObjectProperty<RenderedMesh> renderedProperty() {
        return rendered.getReadOnlyProperty();
    }

    /** The plan and certificates behind {@link #renderedProperty()}: what the live diff compares and the Apply step applies. */
    public ReadOnlyObjectProperty<Rendering> renderingProperty() {
        return rendering.getReadOnlyProperty();
    }

    public ObservableList<ClusterPreview> clusters() {
        return clustersView;
    }

    public ObjectProperty<ClusterPreview> selectedClusterProperty() {
        return selectedCluster;
    }

    public ObjectProperty<PreviewFile> selectedFileProperty() {
        return selectedFile;
    }

    /** {@code Manifest.previewYaml()} of the selected file. */
    public ReadOnlyStringProperty selectedYamlProperty() {
        return selectedYaml.getReadOnlyProperty();
    }

    /** The plan's findings ({@code crossmesh validate}): warnings worth reading before applying. */
    public ObservableList<Finding> findings() {
        return findingsView;
    }

    /** Per {@link PreviewFile#key()}, what applying it would do; empty until a live diff ran. */
    public ObservableMap<String, ObjectDiff> diffs() {
        return diffsView;
    }

    public boolean diffAvailable() {
        return diffService.available();
    }

    public ReadOnlyStringProperty diffStatusProperty() {
        return diffStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty diffRunningProperty() {
        return diffRunning.getReadOnlyProperty();
    }

    /** The outcome of Copy or Export. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    public Path caFolder() {
        return caProvider.folder(planModel.plan());
    }


    @Override
    public void entered() {
        active = true;
        if (stale || state.get() == State.FAILED) {
            prepare();
        }
    }

    @Override
    public void left() {
        active = false;
    }

    // Commands

    /** Loads (or makes) the mesh CA in the background and renders the plan. */
    public void prepare() {
        stale = false;
        long run = ++sequence;
        MeshPlan plan = planModel.plan();
        KeyType type = keyType.getValue();
        state.set(State.PREPARING);
        message.set("");
        diffs.clear();
        if (diffService.available() && !diffRunning.get()) {
            diffStatus.set(IDLE_DIFF_STATUS);
        }
        boolean needsCa = plan.ca() == dev.crossmesh.plan.CaMode.SHARED_ROOT;
        status.set(needsCa ? "Loading the mesh CA from " + caProvider.folder(plan) + "…" : "Rendering…");
        executor.run(() -> {
            if (needsCa && !caProvider.hasRoot(plan)) {
                executor.onUiThread(() -> {
                    if (run == sequence) {
                        status.set("Making the mesh CA (" + type.id() + ") in " + caProvider.folder(plan)
                                + ": once per mesh; RSA 4096 keys take a while…");
                    }
                });
            }
            caProvider.prepare(plan, type).await(Duration.ofMillis(500), (done, total) -> executor.onUiThread(() -> {
                if (run == sequence) {
                    status.set("Making the mesh CA (" + type.id() + ") in " + caProvider.folder(plan) + ": " + done + " of " + total + " keys made…");
                }
            }));
            Map<String, ClusterCerts> certs = caProvider.certificates(plan, type);
            return new Rendering(plan, certs, ManifestRenderer.render(plan, certs));
        }, result -> {
            if (run == sequence) {
                show(result);
            }
        }, failure -> {
            if (run == sequence) {
                rendered.set(null);
                rendering.set(null);
                clusters.clear();
                state.set(State.FAILED);
                status.set(failure instanceof IOException
                        ? "Cannot read or write the mesh CA in " + caProvider.folder(plan) + ": " + UserMessages.describe(failure)
                                + ". Check the folder's permissions, or choose 'existing' as the CA."
                        : "Cannot render the plan: " + UserMessages.describe(failure) + ". Go back and check the fields marked in red.");
            }
        });
    }

    /** Copies the selected manifest as previewed (secret values hidden) to the clipboard. */
    public void copySelected() {
        PreviewFile file = selectedFile.get();
        if (file == null) {
            return;
        }
        clipboard.copy(file.previewYaml());
        message.set("Copied " + file.fileName() + " to the clipboard" + (file.hasSecrets() ? " (secret values hidden)." : "."));
    }

    /** Asks for a folder and exports there. */
    public void export() {
        if (rendered.get() == null) {
            return;
        }
        dialogs.chooseFolder("Export the manifests to a folder", lastExportFolder).ifPresent(this::exportTo);
    }

    /** Writes what {@code crossmesh export} writes: a folder per cluster, one file per object, and apply.sh. */
    public void exportTo(Path folder) {
        RenderedMesh mesh = rendered.get();
        if (mesh == null || exporting.get()) {
            return;
        }
        exporting.set(true);
        executor.run(() -> hasFiles(folder), occupied -> {
            if (occupied && !dialogs.confirm("Export into a folder with files?", folder + " already holds files. Export writes a folder per cluster and "
                    + "apply.sh into it, replacing files with the same names.", "Export")) {
                exporting.set(false);
                return;
            }
            message.set("Exporting to " + folder + "…");
            executor.run(() -> ExportWriter.write(mesh, folder), written -> {
                exporting.set(false);
                lastExportFolder = folder;
                boolean secrets = mesh.all().stream().anyMatch(m -> m.hasSecrets());
                message.set("Exported " + written.size() + " files to " + folder + ": a folder per cluster (with its Helm values in helm/), apply.sh and apply-helm.sh."
                        + (secrets ? " The *-secret-cacerts.yaml files hold private keys (mode 0600): keep them private." : ""));
            }, failure -> {
                exporting.set(false);
                message.set("");
                dialogs.showError("Export failed", "Could not write the export to " + folder + ": " + UserMessages.describe(failure)
                        + ". Pick a folder you can write to.");
            });
        }, failure -> {
            exporting.set(false);
            dialogs.showError("Export failed", "Could not look into " + folder + ": " + UserMessages.describe(failure) + ".");
        });
    }

    /** Asks the clusters what applying would change: per file a badge (create, update, unchanged, not-owned…). */
    public void compareWithClusters() {
        Rendering current = rendering.get();
        if (current == null || !diffService.available() || diffRunning.get()) {
            return;
        }
        long run = sequence;
        diffRunning.set(true);
        diffs.clear();
        diffStatus.set("Comparing with the clusters…");
        executor.run(() -> diffService.diff(current, kubeconfigs.getValue()), result -> {
            diffRunning.set(false);
            if (run != sequence) {
                return;
            }
            result.objects().forEach(d -> diffs.put(d.key(), d));
            diffStatus.set(diffSummary(result, current.count()) + " Compared at " + TIME.format(LocalTime.now()) + ".");
        }, failure -> {
            diffRunning.set(false);
            diffStatus.set("Could not compare with the clusters: " + UserMessages.describe(failure)
                    + ". Check that the clusters are reachable (Clusters step), then compare again.");
        });
    }

    /** After an apply the clusters hold what was compared no more: a comparison shown is made again (with its new time). */
    public void compareAgainIfShown() {
        if (!diffs.isEmpty()) {
            compareWithClusters();
        }
    }

    /**
     * {@code Of the 26 steps, applying would create 24, update 0 and leave 0 unchanged; the other 2 are gateway-address waits.}
     * The counts are of every step the engine compared, so they add up to {@link ApplyCount#steps()} with the waits.
     */
    static String diffSummary(LiveDiffService.Result result, ApplyCount count) {
        StringBuilder s = new StringBuilder("Of the ").append(count.steps()).append(" steps, applying would create ")
                .append(result.steps(ObjectDiff.Change.CREATE)).append(", update ").append(result.steps(ObjectDiff.Change.UPDATE))
                .append(" and leave ").append(result.steps(ObjectDiff.Change.UNCHANGED)).append(" unchanged");
        long run = result.steps(ObjectDiff.Change.RUN);
        long manual = result.steps(ObjectDiff.Change.MANUAL);
        long skipped = result.steps(ObjectDiff.Change.SKIPPED);
        if (run > 0) {
            s.append(", run ").append(run).append(" (istioctl or helm)");
        }
        if (manual > 0) {
            s.append(", leave ").append(manual).append(" to you");
        }
        if (skipped > 0) {
            s.append(", skip ").append(skipped);
        }
        long compared = result.steps().size();
        long rest = count.steps() - compared;
        if (rest > 0 && rest <= count.gatewayWaits() && result.problems().isEmpty()) {
            s.append("; the other ").append(rest).append(rest == 1 ? " is a gateway-address wait" : " are gateway-address waits");
        } else if (rest > 0) {
            s.append("; ").append(rest).append(" not compared");
        }
        s.append('.');
        long notOwned = result.steps(ObjectDiff.Change.NOT_OWNED);
        if (notOwned > 0) {
            s.append(' ').append(notOwned).append(notOwned == 1 ? " object exists" : " objects exist")
                    .append(" without crossmesh's labels and would be left alone (not-owned; hover its badge for the owner)")
                    .append(" unless you tick Take over existing objects in the Apply step.");
        }
        long conflicts = result.steps(ObjectDiff.Change.CONFLICT);
        if (conflicts > 0) {
            s.append(' ').append(conflicts).append(conflicts == 1 ? " object has" : " objects have")
                    .append(" fields another tool set to other values (conflict; hover its badge for the tool and the fields)")
                    .append(" and would be left alone unless you tick Take over existing objects in the Apply step.");
        }
        long unreadable = result.steps(ObjectDiff.Change.UNREADABLE);
        if (unreadable > 0) {
            s.append(' ').append(unreadable).append(" could not be read (hover the badge).");
        }
        result.problems().forEach(p -> s.append(' ').append(p));
        return s.toString();
    }

    // internals

    private void planChanged() {
        stale = true;
        // the keys of a new mesh CA take seconds each: make them while the user is still on the earlier steps
        MeshPlan plan = planModel.plan();
        KeyType type = keyType.getValue();
        executor.run(() -> caProvider.prepare(plan, type), keys -> { }, failure -> { });
        if (active) {
            prepare();
        }
    }

    private void show(Rendering result) {
        MeshPlan plan = result.plan();
        RenderedMesh mesh = result.mesh();
        String keepCluster = selectedCluster.get() == null ? null : selectedCluster.get().cluster();
        String keepFile = selectedFile.get() == null ? null : selectedFile.get().fileName();
        List<ClusterPreview> previews = new ArrayList<>();
        // the Helm path's values files follow the objects, as the export writes them (none where the release has no charts)
        HelmInstall helm = HelmValues.render(plan);
        for (ClusterSpec c : plan.clusters()) {
            List<PreviewFile> files = new ArrayList<>(mesh.manifests(c.name()).stream().map(PreviewFile::new).toList());
            helm.releases(c.name()).forEach(r -> files.add(PreviewFile.of(r)));
            previews.add(new ClusterPreview(c.name(), c.context(), files));
        }
        rendered.set(mesh);
        rendering.set(result);
        clusters.setAll(previews);
        findings.setAll(planModel.findings());
        ClusterPreview cluster = previews.stream().filter(p -> p.cluster().equals(keepCluster)).findFirst()
                .orElse(previews.isEmpty() ? null : previews.get(0));
        selectedCluster.set(cluster);
        if (cluster != null && keepFile != null) {
            cluster.files().stream().filter(f -> f.fileName().equals(keepFile)).findFirst().ifPresent(selectedFile::set);
        }
        long files = previews.stream().mapToLong(ClusterPreview::exportedFiles).sum();
        state.set(State.READY);
        ApplyCount count = result.count();
        status.set(mesh.all().size() + " objects for " + previews.size() + " clusters" + (count.exportOnly() > 0 ? " (" + count.exportOnly()
                + " export-only)" : "") + "; applying takes " + count.steps() + " steps; an export writes " + files + " files, apply.sh and apply-helm.sh.");
        countText.set("Applying takes " + count.describe() + "." + (count.exportOnly() > 0 ? " " + count.exportOnly()
                + " export-only files (the istioctl overlay of the east-west gateway) are never applied." : ""));
    }

    private static boolean hasFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }
}
