package dev.crossmesh.ui.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Runs tasks on the FX thread at the start of the next pulse, all that are waiting at once, and then sleeps: no timer
 * runs while there is nothing to do. Tasks run before the pulse's CSS and layout, so what they change is drawn in that
 * same frame. The view-model's coalescing keeps at most one update waiting, so a burst of snapshots costs at most one
 * update per frame however fast they come.
 */
public final class PulseExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(PulseExecutor.class.getName());

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            runWaiting();
        }
    };

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (armed.compareAndSet(false, true)) {
            // AnimationTimer.start must be called on the FX thread (JavaFX 22 enforces it)
            if (Platform.isFxApplicationThread()) {
                timer.start();
            } else {
                Platform.runLater(timer::start);
            }
        }
    }

    private void runWaiting() {
        // disarm first: a task added from here on arms the timer again, and runs in the next pulse, not this one
        armed.set(false);
        timer.stop();
        List<Runnable> now = new ArrayList<>();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            now.add(task);
        }
        for (Runnable r : now) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a live view update failed", e);
            }
        }
    }

    /** Tasks waiting for the next pulse; for tests. */
    int waiting() {
        return tasks.size();
    }
}
