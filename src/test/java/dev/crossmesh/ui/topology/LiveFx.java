package dev.crossmesh.ui.topology;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusMonitor;

/** Headless (Monocle) stage, theme and snapshots for the live view's GUI tests. */
final class LiveFx {
    static final long TIMEOUT_SECONDS = 30;

    private LiveFx() {
    }

    static Stage stage() throws TimeoutException {
        return FxToolkit.registerPrimaryStage();
    }

    /** Shows {@code root} in the primary stage at the given size with AtlantaFX's Primer theme. */
    static void show(Parent root, double width, double height, boolean dark) throws Exception {
        Stage stage = stage();
        onFx(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            stage.setScene(new Scene(root, width, height));
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void resize(double width, double height) throws Exception {
        Stage stage = stage();
        onFx(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Hides the stage and puts JavaFX's own stylesheet back, so the theme does not leak into other test classes. */
    static void close() throws Exception {
        onFx(() -> {
            stage().hide();
            stage().setScene(null);
            Application.setUserAgentStylesheet(null);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static <T> T onFx(Callable<T> action) throws Exception {
        stage(); // starts the toolkit the first time
        return WaitForAsyncUtils.asyncFx(action).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static void runOnFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntil(String what, BooleanSupplier condition) throws TimeoutException {
        waitUntil(what, TIMEOUT_SECONDS, condition);
    }

    static void waitUntil(String what, long seconds, BooleanSupplier condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                AtomicReference<Boolean> result = new AtomicReference<>(false);
                WaitForAsyncUtils.asyncFx(() -> result.set(condition.getAsBoolean())).get(5, TimeUnit.SECONDS);
                return result.get();
            });
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + seconds + " s for: " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes what the whole window shows to a PNG through Scene.snapshot. */
    static Path snapshot(Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.image.WritableImage image = onFx(() -> stage().getScene().snapshot(null));
        TopologyPng.write(image, file);
        return file;
    }

    /** Where screenshots go: the folder named by {@code crossmesh.screenshots} (surefire passes it), else target/. */
    static Path screenshots() {
        String dir = System.getProperty("crossmesh.screenshots");
        return Path.of(dir == null || dir.isBlank() ? "target" : dir);
    }

    static Path gallery() throws IOException {
        return Files.createDirectories(Path.of("target", "topology-gallery"));
    }

    /** Answers every file chooser with the next file of the list. */
    static ExportFiles answering(List<Path> files) {
        java.util.Iterator<Path> next = new CopyOnWriteArrayList<>(files).iterator();
        return (title, initialName, description, extension) -> next.hasNext() ? Optional.of(next.next()) : Optional.empty();
    }

    /** A feed the test pushes snapshots into, from any thread. */
    static final class ManualFeed implements StatusFeed {
        private final List<Consumer<MeshStatus>> consumers = new CopyOnWriteArrayList<>();
        private volatile MeshStatus latest;

        @Override
        public StatusMonitor.Subscription subscribe(Consumer<MeshStatus> consumer) {
            consumers.add(consumer);
            MeshStatus now = latest;
            if (now != null) {
                consumer.accept(now);
            }
            return () -> consumers.remove(consumer);
        }

        void push(MeshStatus status) {
            latest = status;
            consumers.forEach(c -> c.accept(status));
        }
    }
}
