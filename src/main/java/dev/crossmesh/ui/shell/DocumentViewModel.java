package dev.crossmesh.ui.shell;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanDocument;
import dev.crossmesh.plan.PlanFileException;
import dev.crossmesh.plan.PlanReader;
import dev.crossmesh.plan.PlanWriter;
import dev.crossmesh.ui.core.DialogService;
import dev.crossmesh.ui.core.DialogService.FileKind;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.core.UserMessages;

/**
 * The plan as a file: New, Open, Save, Save As and Open Recent, whether there are unsaved changes, and the window
 * title. Reads and writes the same YAML as the CLI (PlanReader / PlanWriter); never loses changes without asking.
 */
public final class DocumentViewModel {
    public static final String APP_NAME = "crossmesh";
    private static final List<FileKind> PLAN_FILES = List.of(FileKind.YAML, FileKind.ANY);

    private final PlanModel planModel;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final UiPreferences preferences;
    private final Runnable onReplaced;

    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyObjectWrapper<MeshPlan> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<Finding> readFindings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /**
     * @param onReplaced called after New or Open replaced the plan, e.g. to take the wizard back to its first step
     */
    public DocumentViewModel(PlanModel planModel, TaskExecutor executor, DialogService dialogs, UiPreferences preferences, Runnable onReplaced) {
        this.planModel = planModel;
        this.executor = executor;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.onReplaced = onReplaced;
        saved.set(planModel.plan());
        dirty.bind(Bindings.createBooleanBinding(() -> !Objects.equals(planModel.plan(), saved.get()), planModel.planProperty(), saved));
        title.bind(Bindings.createStringBinding(() -> (dirty.get() ? "*" : "") + displayName() + " — " + APP_NAME, file, dirty));
    }

    // Properties

    /** The plan's file; null for a plan never saved. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** True when the plan differs from what was last opened or saved. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** {@code *mesh1.yaml — crossmesh}: the file name, and a star for unsaved changes. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** A file is being read or written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What reading the opened file found (unknown keys, wrong types...), with line numbers. */
    public ObservableList<Finding> readFindings() {
        return readFindings;
    }

    /** The outcome of the last save or open, for the status line. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<Path> recentPlans() {
        return preferences.recentPlans();
    }

    public String displayName() {
        return file.get() == null ? "Untitled plan" : String.valueOf(file.get().getFileName());
    }

    // Commands

    public void newPlan() {
        whenChangesHandled(() -> {
            planModel.replace(PlanModel.newPlan());
            file.set(null);
            saved.set(planModel.plan());
            readFindings.clear();
            message.set("");
            onReplaced.run();
        });
    }

    public void open() {
        whenChangesHandled(() -> dialogs.chooseFileToOpen("Open a plan", folderHint(), PLAN_FILES).ifPresent(this::load));
    }

    public void openRecent(Path path) {
        whenChangesHandled(() -> load(path));
    }

    /** Opens without asking about unsaved changes: for the plan given on the command line at start. */
    public void load(Path path) {
        busy.set(true);
        executor.run(() -> PlanReader.read(path), document -> {
            busy.set(false);
            opened(path, document);
        }, failure -> {
            busy.set(false);
            if (failure instanceof PlanFileException && failure.getMessage().contains("does not exist")
                    || failure instanceof NoSuchFileException) {
                preferences.forgetPlan(path);
            }
            dialogs.showError("Cannot open the plan", failure instanceof PlanFileException
                    ? failure.getMessage().replace("check the path given with --plan", "pick another file")
                    : "Cannot read " + path + ": " + UserMessages.describe(failure));
        });
    }

    /** Saves to the plan's file, or asks for one. */
    public void save() {
        save(() -> { });
    }

    public void saveAs() {
        saveAs(() -> { });
    }

    /**
     * Runs {@code proceed} once unsaved changes are dealt with: none, saved, or discarded at the user's word.
     * Does nothing when the user cancels (or cancels the save).
     */
    public void whenChangesHandled(Runnable proceed) {
        if (!dirty.get()) {
            proceed.run();
            return;
        }
        switch (dialogs.askToSave(displayName())) {
            case SAVE -> save(proceed);
            case DISCARD -> proceed.run();
            case CANCEL -> { }
        }
    }

    // internals

    private void save(Runnable then) {
        if (file.get() == null) {
            saveAs(then);
        } else {
            write(file.get(), then);
        }
    }

    private void saveAs(Runnable then) {
        String suggested = (planModel.plan().meshId().isBlank() ? "mesh" : planModel.plan().meshId()) + ".yaml";
        dialogs.chooseFileToSave("Save the plan", folderHint(), file.get() == null ? suggested : String.valueOf(file.get().getFileName()), PLAN_FILES)
                .ifPresent(path -> write(path, then));
    }

    private void write(Path path, Runnable then) {
        MeshPlan plan = planModel.plan();
        busy.set(true);
        executor.run(() -> {
            PlanWriter.write(plan, path);
            return path;
        }, written -> {
            busy.set(false);
            file.set(written);
            saved.set(plan);
            preferences.rememberPlan(written);
            message.set("Saved " + written);
            then.run();
        }, failure -> {
            busy.set(false);
            dialogs.showError("Cannot save the plan", "Cannot write " + path + ": " + UserMessages.describe(failure)
                    + ". Choose File > Save As… and pick a folder you can write to.");
        });
    }

    private void opened(Path path, PlanDocument document) {
        planModel.replace(document.plan());
        file.set(path);
        saved.set(document.plan());
        readFindings.setAll(document.readFindings());
        preferences.rememberPlan(path);
        message.set("Opened " + path);
        onReplaced.run();
    }

    private Path folderHint() {
        if (file.get() != null && file.get().toAbsolutePath().getParent() != null) {
            return file.get().toAbsolutePath().getParent();
        }
        return preferences.recentPlans().isEmpty() ? null : preferences.recentPlans().get(0).getParent();
    }
}
