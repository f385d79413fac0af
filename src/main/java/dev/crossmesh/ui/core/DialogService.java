package dev.crossmesh.ui.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog and file chooser the wizard shows, behind one interface so that view-models stay testable:
 * tests answer with a scripted implementation, the app with {@code FxDialogService}.
 */
public interface DialogService {

    Optional<Path> chooseFileToOpen(String title, Path initialFolder, List<FileKind> kinds);

    Optional<Path> chooseFileToSave(String title, Path initialFolder, String initialName, List<FileKind> kinds);

    Optional<Path> chooseFolder(String title, Path initialFolder);

    /** @return true when the user chose {@code confirmLabel} */
    boolean confirm(String title, String message, String confirmLabel);

    /** What to do with unsaved changes before they would be lost. */
    UnsavedChoice askToSave(String planName);

    /** @return a whole number between min and max, or empty when cancelled */
    Optional<Integer> askNumber(String title, String message, int min, int max, int initial);

    /** A problem the user must know about; the message says what happened and what to do, never a stack trace. */
    void showError(String title, String message);

    void showInformation(String title, String message);

    /** A file type for choosers: a description and glob patterns such as {@code *.yaml}. */
    record FileKind(String description, List<String> patterns) {
        public static final FileKind YAML = new FileKind("YAML files", List.of("*.yaml", "*.yml"));
        public static final FileKind ANY = new FileKind("All files", List.of("*"));
    }

    enum UnsavedChoice {
        SAVE, DISCARD, CANCEL
    }
}
