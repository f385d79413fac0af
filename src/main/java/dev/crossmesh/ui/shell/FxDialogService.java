package dev.crossmesh.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import dev.crossmesh.ui.core.DialogService;

/** Dialogs and file choosers of JavaFX, owned by the main window and styled like it. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path initialFolder, List<FileKind> kinds) {
        FileChooser chooser = fileChooser(title, initialFolder, kinds);
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Path initialFolder, String initialName, List<FileKind> kinds) {
        FileChooser chooser = fileChooser(title, initialFolder, kinds);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialFolder) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(java.io.File::toPath);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message, yes, ButtonType.CANCEL);
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }

    @Override
    public UnsavedChoice askToSave(String planName) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't save", ButtonBar.ButtonData.NO);
        Alert alert = alert(Alert.AlertType.WARNING, "Save the changes to " + planName + "?",
                "The plan has changes that are not saved; they are lost if you don't save them.", save, discard, ButtonType.CANCEL);
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return UnsavedChoice.CANCEL;
        }
        return answer.get() == save ? UnsavedChoice.SAVE : UnsavedChoice.DISCARD;
    }

    @Override
    public Optional<Integer> askNumber(String title, String message, int min, int max, int initial) {
        Dialog<Integer> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setEditable(true);
        spinner.setId("numberSpinner");
        Label text = new Label(message);
        text.setWrapText(true);
        dialog.getDialogPane().setContent(new VBox(12, text, spinner));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? spinner.getValue() : null);
        style(dialog);
        // the dialog focuses its default button once shown: take the focus for the number after that, ready to type over
        dialog.setOnShown(e -> javafx.application.Platform.runLater(() -> {
            spinner.getEditor().requestFocus();
            spinner.getEditor().selectAll();
        }));
        return dialog.showAndWait();
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message, ButtonType.OK).showAndWait();
    }

    @Override
    public void showInformation(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message, ButtonType.OK).showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String message, ButtonType... buttons) {
        Alert alert = new Alert(type, "", buttons);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label content = new Label(message);
        content.setWrapText(true);
        content.setMaxWidth(560);
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setMinWidth(520);
        alert.setResizable(true);
        style(alert);
        return alert;
    }

    private void style(Dialog<?> dialog) {
        Window window = owner.get();
        DialogPane pane = dialog.getDialogPane();
        if (window != null) {
            dialog.initOwner(window);
            Scene scene = window.getScene();
            if (scene != null) {
                pane.getStylesheets().setAll(scene.getStylesheets());
                javafx.scene.Node root = scene.getRoot().lookup(".crossmesh-root");
                root = root == null ? scene.getRoot() : root;
                pane.setStyle(root.getStyle());
                root.getStyleClass().stream().filter(c -> c.startsWith("text-size-")).forEach(pane.getStyleClass()::add);
            }
        }
    }

    private static FileChooser fileChooser(String title, Path initialFolder, List<FileKind> kinds) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) {
            chooser.setInitialDirectory(initialFolder.toFile());
        }
        kinds.forEach(k -> chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(k.description(), k.patterns())));
        return chooser;
    }
}
