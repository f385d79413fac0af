package dev.crossmesh.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;

import dev.crossmesh.ProcessUsage;
import dev.crossmesh.kube.ScaleMeasurement;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.StatusMonitor;
import dev.crossmesh.ui.topology.LivePane;

/**
 * Scale: a multi-primary plan over 20, then 50 demo API servers in this JVM (380 and 2,450 remote secrets, one per ordered
 * pair of clusters): the first apply's wall time and API requests, then a status monitor watching all of them, as the live
 * view does, shown in the live view (headless, Monocle): time and requests until every cluster is synced, what the
 * process holds (the servers included: they run in this JVM), and the longest the FX thread went without a frame
 * (pulse to pulse, an animation asking for one every pulse) and the longest a {@code runLater} waited, from the live
 * view's opening until 5 s after the status settled.
 */
final class ScaleBench {
    /** Two sizes, so that the growth shows: requests and time per remote secret should not rise from one to the other. */
    static final int[] CLUSTERS = {20, 50};

    private ScaleBench() {
    }

    static List<Metric> run(int clusters, PrintStream log) throws Exception {
        String key = "scale.clusters_" + clusters;
        String what = clusters + " clusters";
        List<Metric> metrics = new ArrayList<>();
        ProcessUsage before = ProcessUsage.sample();
        try (ScaleMeasurement mesh = ScaleMeasurement.start(clusters)) {
            long r0 = mesh.requests();
            long t0 = System.nanoTime();
            mesh.apply();
            double applyMillis = (System.nanoTime() - t0) / 1e6;
            long applyRequests = mesh.requests() - r0;
            int secrets = clusters * (clusters - 1);
            log.printf(Locale.ROOT, "  first apply of %d clusters (%d remote secrets): %.0f ms, %d requests, load %s%n", clusters, secrets, applyMillis,
                    applyRequests, Machine.loadAverage());
            metrics.add(Metric.lower(key + ".apply_ms", "scale", what + ": first apply", applyMillis, "ms"));
            metrics.add(Metric.lower(key + ".apply_requests", "scale", what + ": first apply, requests", applyRequests, "requests"));
            metrics.add(Metric.lower(key + ".apply_requests_per_secret", "scale", what + ": first apply, requests per remote secret",
                    applyRequests / (double) secrets, "requests"));
            metrics.add(Metric.lower(key + ".apply_ms_per_secret", "scale", what + ": first apply, ms per remote secret",
                    applyMillis / secrets, "ms"));

            startFx();
            long r1 = mesh.requests();
            long t1 = System.nanoTime();
            try (StatusMonitor monitor = StatusMonitor.start(mesh.plan(), mesh.clients())) {
                AtomicReference<Stage> stage = new AtomicReference<>();
                AtomicReference<LivePane> pane = new AtomicReference<>();
                TopologyChurnBench.onFx(() -> {
                    LivePane p = LivePane.of(mesh.plan(), monitor::subscribe, (t, n, d, e) -> Optional.empty());
                    Stage s = new Stage();
                    s.setScene(new Scene(p, 1600, 1000));
                    s.show();
                    stage.set(s);
                    pane.set(p);
                });
                TopologyChurnBench.Frames frames = new TopologyChurnBench.Frames(pane.get());
                TopologyChurnBench.Ping ping = new TopologyChurnBench.Ping();
                TopologyChurnBench.onFx(() -> {
                    stage.get().getScene().addPostLayoutPulseListener(frames::afterLayout);
                    frames.timer.start();
                });
                frames.startWindow();
                ping.start();
                MeshStatus settled = monitor.awaitSettled(Duration.ofSeconds(300));
                double watchMillis = (System.nanoTime() - t1) / 1e6;
                long watchRequests = mesh.requests() - r1;
                Thread.sleep(5_000);
                ping.stop();
                TopologyChurnBench.Frames.Window window = frames.endWindow();
                long synced = settled.clusters().stream().filter(c -> c.state() == dev.crossmesh.status.ConnectionState.SYNCED).count();
                int seen = settled.clusters().stream().map(ClusterStatus::remoteSecrets).mapToInt(List::size).sum();
                ProcessUsage after = ProcessUsage.sample();
                TopologyChurnBench.onFx(() -> {
                    frames.timer.stop();
                    stage.get().close();
                });
                log.printf(Locale.ROOT, "  watching: %d of %d clusters synced, %d remote secrets seen, in %.0f ms, %d requests; FX thread: longest gap between"
                        + " frames %.0f ms, longest runLater wait %.0f ms; process %s (before the servers: %s), load %s%n", synced, clusters, seen,
                        watchMillis, watchRequests, window.maxGapNanos() / 1e6, ping.maxWait.get() / 1e6, after.toLine(), before.toLine(), Machine.loadAverage());
                metrics.add(Metric.lower(key + ".watch_settled_ms", "scale", what + ": status monitor start to every cluster synced", watchMillis, "ms"));
                metrics.add(Metric.lower(key + ".watch_requests", "scale", what + ": requests until then", watchRequests, "requests"));
                metrics.add(Metric.lower(key + ".watch_requests_per_secret", "scale", what + ": requests until then, per remote secret",
                        watchRequests / (double) (clusters * (clusters - 1)), "requests"));
                metrics.add(Metric.info(key + ".synced", "scale", what + ": clusters synced", synced, "count"));
                metrics.add(Metric.info(key + ".remote_secrets_seen", "scale", what + ": remote secrets the status shows", seen, "count"));
                metrics.add(Metric.lower(key + ".fx_max_gap_ms", "scale", what + ": live view, longest gap between frames", window.maxGapNanos() / 1e6, "ms"));
                metrics.add(Metric.lower(key + ".fx_max_runlater_ms", "scale", what + ": live view, longest runLater wait", ping.maxWait.get() / 1e6, "ms"));
                metrics.add(Metric.lower(key + ".rss_mb", "scale", what + ": resident set, servers in the same JVM", after.rssBytes() / 1e6, "MB"));
                metrics.add(Metric.lower(key + ".heap_mb", "scale", what + ": heap after GC, servers in the same JVM", after.heapBytes() / 1e6, "MB"));
            }
        }
        return metrics;
    }

    private static boolean fxStarted;

    private static synchronized void startFx() throws Exception {
        if (fxStarted) {
            return;
        }
        TopologyChurnBench.headless();
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
            started.await();
        } catch (IllegalStateException alreadyRunning) {
            // a test of the same JVM started it
        }
        Platform.setImplicitExit(false);
        TopologyChurnBench.onFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        fxStarted = true;
    }
}
