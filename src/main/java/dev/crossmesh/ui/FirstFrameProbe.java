package dev.crossmesh.ui;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import dev.crossmesh.ProcessUsage;

/**
 * For the start-up benchmark: started with {@code -Dcrossmesh.firstFrame=print} (or {@code =exit}), the app prints
 * one line when the first pulse after its window is shown has laid the scene out, i.e. when its first frame goes to
 * the screen, with the time, the CPU time used until then and what the process holds; {@code exit} then ends the process. Without the property it
 * does nothing. A minimal JavaFX window in the benchmark uses it too, so that both are measured the same way.
 */
public final class FirstFrameProbe {
    public static final String PROPERTY = "crossmesh.firstFrame";
    /**
     * The line starts with this, then {@code at=EPOCH_MICROS shown=EPOCH_MICROS rss=BYTES heap=BYTES threads=N cpu=MICROS}:
     * {@code shown} is when the window was shown, so {@code at - shown} is how long it stayed blank.
     */
    public static final String PREFIX = "crossmesh-first-frame";

    private FirstFrameProbe() {
    }

    /** Call once the stage is shown, on the FX thread. */
    public static void watch(Stage stage) {
        String mode = System.getProperty(PROPERTY);
        if (mode == null || mode.isBlank()) {
            return;
        }
        Instant shown = Instant.now();
        Scene scene = stage.getScene();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (!stage.isShowing()) {
                return;
            }
            Instant at = Instant.now();
            long cpu = ProcessUsage.currentCpuMicros();
            scene.removePostLayoutPulseListener(listener[0]);
            // after the pulse, so that sampling memory (a GC) is not part of the frame; the CPU time is the frame's
            Platform.runLater(() -> {
                ProcessUsage m = ProcessUsage.sample();
                System.out.println(PREFIX + " at=" + ChronoUnit.MICROS.between(Instant.EPOCH, at) + " shown=" + ChronoUnit.MICROS.between(Instant.EPOCH, shown) + " "
                        + new ProcessUsage(m.rssBytes(), m.heapBytes(), m.threads(), cpu).toLine());
                System.out.flush();
                if ("exit".equals(mode)) {
                    System.exit(0);
                }
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
