package dev.crossmesh.ui;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Platform;

/**
 * Measures how responsive the FX thread stays: pings it every 20 ms from a daemon thread and keeps the longest
 * time a ping waited for its turn. For measurements printed by tests, not for assertions on timing.
 */
final class FxStallMeter {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong longest = new AtomicLong();
    private final Thread thread;

    private FxStallMeter() {
        thread = new Thread(() -> {
            while (running.get()) {
                long sent = System.nanoTime();
                CountDownLatch answered = new CountDownLatch(1);
                Platform.runLater(answered::countDown);
                try {
                    if (!answered.await(250, TimeUnit.MILLISECONDS) && Boolean.getBoolean("crossmesh.stalls.debug")) {
                        Thread.getAllStackTraces().forEach((t, st) -> {
                            if (t.getName().contains("JavaFX Application")) {
                                StringBuilder b = new StringBuilder("FX thread stalled:\n");
                                for (StackTraceElement e : st) {
                                    b.append("  ").append(e).append('\n');
                                }
                                System.out.println(b);
                            }
                        });
                    }
                    answered.await(10, TimeUnit.SECONDS);
                    longest.accumulateAndGet((System.nanoTime() - sent) / 1_000_000, Math::max);
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-meter");
        thread.setDaemon(true);
    }

    static FxStallMeter start() {
        FxStallMeter meter = new FxStallMeter();
        meter.thread.start();
        return meter;
    }

    /** @return the longest wait in ms */
    long stop() throws InterruptedException {
        running.set(false);
        thread.join(2000);
        return longest.get();
    }
}
