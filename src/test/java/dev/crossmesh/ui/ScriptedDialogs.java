package dev.crossmesh.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import dev.crossmesh.ui.core.DialogService;

/** A DialogService that answers from a script and records what it was asked and shown. */
public final class ScriptedDialogs implements DialogService {
    public final Deque<Optional<Path>> files = new ArrayDeque<>();
    public final Deque<Optional<Path>> folders = new ArrayDeque<>();
    public final Deque<Boolean> confirmations = new ArrayDeque<>();
    public final Deque<UnsavedChoice> unsavedChoices = new ArrayDeque<>();
    public final Deque<Optional<Integer>> numbers = new ArrayDeque<>();
    public final List<String> errors = new ArrayList<>();
    public final List<String> informations = new ArrayList<>();
    public final List<String> asked = new ArrayList<>();
    /** The message of the last confirmation asked for. */
    public volatile String lastMessage = "";

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path initialFolder, List<FileKind> kinds) {
        asked.add("open: " + title);
        return next(files, "a file to open");
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, Path initialFolder, String initialName, List<FileKind> kinds) {
        asked.add("save: " + title + " [" + initialName + "]");
        return next(files, "a file to save");
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialFolder) {
        asked.add("folder: " + title);
        return next(folders, "a folder");
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        asked.add("confirm: " + title);
        lastMessage = message;
        return next(confirmations, "a confirmation");
    }

    @Override
    public UnsavedChoice askToSave(String planName) {
        asked.add("unsaved: " + planName);
        return next(unsavedChoices, "what to do with unsaved changes");
    }

    @Override
    public Optional<Integer> askNumber(String title, String message, int min, int max, int initial) {
        asked.add("number: " + title);
        return next(numbers, "a number");
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInformation(String title, String message) {
        informations.add(title + ": " + message);
    }

    private static <T> T next(Deque<T> answers, String what) {
        if (answers.isEmpty()) {
            throw new AssertionError("the wizard asked for " + what + " but the test scripted no answer");
        }
        return answers.removeFirst();
    }
}
