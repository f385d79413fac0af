package dev.crossmesh.ui.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import dev.crossmesh.ui.core.TaskExecutor;

/**
 * What the wizard remembers between runs: the theme, the text size and the recent plans. Every change is written
 * back in the background.
 */
public final class UiPreferences {
    public static final int MAX_RECENT = 8;
    /** Text sizes offered, in pixels: the default reads well on a laptop, the largest on a projector. */
    public static final List<Integer> TEXT_SIZES = List.of(13, 14, 15, 16, 18, 20);
    public static final int DEFAULT_TEXT_SIZE = 15;

    private final PreferencesStore store;
    private final TaskExecutor executor;
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final IntegerProperty textSize = new SimpleIntegerProperty(this, "textSize", DEFAULT_TEXT_SIZE);
    private final ObservableList<Path> recentPlans = FXCollections.observableArrayList();
    private boolean loading;

    public UiPreferences(PreferencesStore store, TaskExecutor executor) {
        this.store = store;
        this.executor = executor;
        PreferencesStore.Saved saved = store.load();
        loading = true;
        dark.set(saved.dark());
        textSize.set(TEXT_SIZES.contains(saved.textSize()) ? saved.textSize() : DEFAULT_TEXT_SIZE);
        saved.recentPlans().stream().limit(MAX_RECENT).map(Path::of).forEach(recentPlans::add);
        loading = false;
        dark.addListener((obs, o, n) -> persist());
        textSize.addListener((obs, o, n) -> persist());
        recentPlans.addListener((javafx.collections.ListChangeListener<Path>) c -> persist());
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public IntegerProperty textSizeProperty() {
        return textSize;
    }

    /** Most recent first. */
    public ObservableList<Path> recentPlans() {
        return recentPlans;
    }

    public void rememberPlan(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        List<Path> updated = new ArrayList<>(recentPlans);
        updated.remove(normalized);
        updated.add(0, normalized);
        recentPlans.setAll(updated.subList(0, Math.min(MAX_RECENT, updated.size())));
    }

    public void forgetPlan(Path file) {
        recentPlans.remove(file.toAbsolutePath().normalize());
    }

    public void largerText() {
        int i = TEXT_SIZES.indexOf(textSize.get());
        textSize.set(TEXT_SIZES.get(Math.min(TEXT_SIZES.size() - 1, i + 1)));
    }

    public void smallerText() {
        int i = TEXT_SIZES.indexOf(textSize.get());
        textSize.set(TEXT_SIZES.get(Math.max(0, i - 1)));
    }

    public void normalText() {
        textSize.set(DEFAULT_TEXT_SIZE);
    }

    private void persist() {
        if (loading) {
            return;
        }
        PreferencesStore.Saved snapshot = new PreferencesStore.Saved(dark.get(), textSize.get(),
                recentPlans.stream().map(Path::toString).toList());
        executor.run(() -> {
            store.save(snapshot);
            return snapshot;
        }, done -> { }, failure -> System.err.println("crossmesh: could not remember the preferences: " + failure.getMessage()));
    }
}
