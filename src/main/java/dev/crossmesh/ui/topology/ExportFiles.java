package dev.crossmesh.ui.topology;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to save an export. Behind an interface so that tests answer without a dialog, and so that the wizard can
 * pass its own dialog service: {@code (title, name, description, extension) -> dialogs.chooseFileToSave(...)}.
 */
@FunctionalInterface
public interface ExportFiles {
    /**
     * @param initialName e.g. {@code demo-mesh-topology.png}
     * @param description e.g. {@code PNG image}
     * @param extension   e.g. {@code png}, without the dot
     * @return the file to write, or empty when the user cancelled
     */
    Optional<Path> chooseSaveFile(String title, String initialName, String description, String extension);

    /** JavaFX's own file chooser, owned by the window {@code owner} gives at the time of asking. */
    static ExportFiles fileChooser(Supplier<Window> owner) {
        return (title, initialName, description, extension) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            chooser.setInitialFileName(initialName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
            File file = chooser.showSaveDialog(owner.get());
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
