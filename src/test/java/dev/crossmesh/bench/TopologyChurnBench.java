package dev.crossmesh.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import atlantafx.base.theme.PrimerLight;

import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.status.ClusterStatus;
import dev.crossmesh.status.ConnectionState;
import dev.crossmesh.status.MeshStatus;
import dev.crossmesh.status.ProbeResult;
import dev.crossmesh.status.ProbeState;
import dev.crossmesh.status.RemoteSecret;
import dev.crossmesh.status.StatusMonitor;
import dev.crossmesh.ui.topology.LivePane;
import dev.crossmesh.ui.topology.Samples;
import dev.crossmesh.ui.topology.StatusFeed;

/**
 * How the live view copes with churn: the time from a snapshot to the frame that shows it, and how long the FX thread
 * goes without a frame while 1,000 status changes of a 10-cluster, 4-network mesh pour in. Not a test: nothing fails
 * on time. Run it headless (see the README's Performance section):
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) dev.crossmesh.bench.TopologyChurnBench [changes] [width] [height]
 * </pre>
 * The snapshots are made beforehand (each one change on top of the previous: a new gateway address, gateway pods
 * going down or up, a probe turning not ready, a cluster reconnecting, going offline, coming back, a remote secret
 * deleted or restored, istiod not ready) and handed to the live pane from a thread of their own, as the status
 * monitor does. The clocks:
 * <ul>
 * <li>snapshot to frame: from handing a snapshot over to the scene's post-layout pulse listener in the pulse that
 * shows it (CSS and layout done, the frame goes to the renderer next), with the FX thread idle in between changes;
 * <li>longest pause: the longest gap between two pulses (an {@link AnimationTimer} runs all along, asking for a frame
 * every pulse, 60 per second when nothing holds the FX thread), and the longest wait of a {@code runLater} posted every
 * 2 ms, during the burst.
 * </ul>
 */
public final class TopologyChurnBench {
    private static final int CLUSTERS = 10;
    private static final int NETWORKS = 4;

    private TopologyChurnBench() {
    }

    public static void main(String[] args) throws Exception {
        headless();
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double width = args.length > 1 ? Double.parseDouble(args[1]) : 1280;
        double height = args.length > 2 ? Double.parseDouble(args[2]) : 800;
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        MeshPlan plan = Samples.plan(CLUSTERS, NETWORKS);
        List<MeshStatus> burst = churn(plan, changes);
        Feed feed = new Feed();
        feed.push(Samples.healthy(plan));
        AtomicReference<LivePane> paneRef = new AtomicReference<>();
        AtomicReference<Scene> sceneRef = new AtomicReference<>();
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            LivePane pane = LivePane.of(plan, feed, (t, n, d, e) -> Optional.empty());
            Stage stage = new Stage();
            Scene scene = new Scene(pane, width, height);
            stage.setScene(scene);
            stage.show();
            paneRef.set(pane);
            sceneRef.set(scene);
        });
        LivePane pane = paneRef.get();
        Frames frames = new Frames(pane);
        onFx(() -> {
            sceneRef.get().addPostLayoutPulseListener(frames::afterLayout);
            frames.timer.start();
        });
        awaitShown(frames, feed.latest, 10_000);
        Thread.sleep(500);

        System.out.printf("crossmesh live view under churn, %s, %d cores, Java %s, JavaFX %s, %s pipeline, %d clusters in %d networks, window %.0fx%.0f%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("javafx.runtime.version"),
                System.getProperty("prism.order"), CLUSTERS, NETWORKS, width, height);

        // 1. snapshot to frame, one change at a time
        List<Long> latencies = new ArrayList<>();
        List<Long> cpus = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            MeshStatus s = burst.get(i % burst.size());
            frames.expect(s);
            feed.push(s);
            latencies.add(frames.awaitShown(5_000));
            cpus.add(frames.lastCpu);
            Thread.sleep(40);
        }
        Collections.sort(latencies);
        Collections.sort(cpus);
        System.out.printf("snapshot to frame, 200 single changes 40 ms apart: median %.1f ms, p95 %.1f ms, max %.1f ms; FX-thread CPU of that pulse: median %.1f ms, max %.1f ms%n",
                pct(latencies, 50) / 1e6, pct(latencies, 95) / 1e6, latencies.get(latencies.size() - 1) / 1e6, pct(cpus, 50) / 1e6,
                cpus.get(cpus.size() - 1) / 1e6);

        // 2. the burst, as fast as a thread can hand them over, then paced at one per millisecond
        burst(frames, feed, pane, burst, 0, "all at once");
        Thread.sleep(500);
        burst(frames, feed, pane, burst, 1, "one per ms");
        Thread.sleep(500);
        burst(frames, feed, pane, burst, 5, "one per 5 ms");

        onFx(() -> frames.timer.stop());
        pane.stop();
        Platform.exit();
        System.exit(0);
    }

    private static void burst(Frames frames, Feed feed, LivePane pane, List<MeshStatus> burst, long gapMillis, String pace) throws Exception {
        long updatesBefore = pane.viewModel().appliedUpdates();
        Ping ping = new Ping();
        frames.startWindow();
        ping.start();
        long t0 = System.nanoTime();
        MeshStatus last = burst.get(burst.size() - 1);
        frames.expect(last);
        for (MeshStatus s : burst) {
            feed.push(s);
            if (gapMillis > 0) {
                // park, not spin: a spinning producer would take a core from the FX thread on a small machine
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(gapMillis));
            }
        }
        long handedOver = System.nanoTime();
        long shownAfter = frames.awaitShown(10_000);
        long done = System.nanoTime();
        ping.stop();
        Frames.Window w = frames.endWindow();
        long updates = onFxGet(() -> pane.viewModel().appliedUpdates()) - updatesBefore;
        System.out.printf("burst of %d (%s): handed over in %.0f ms; %d UI updates in %d frames; longest gap between frames %.1f ms; "
                        + "longest runLater wait %.1f ms; longest pulse (update+CSS+layout) %.1f ms wall, %.1f ms FX-thread CPU; FX-thread CPU in all %.0f ms; "
                        + "last snapshot on screen %.1f ms after the last hand-over%n",
                burst.size(), pace, (handedOver - t0) / 1e6, updates, w.pulses, w.maxGapNanos / 1e6, ping.maxWait.get() / 1e6, w.maxWorkNanos / 1e6,
                w.maxCpuNanos / 1e6, w.cpuNanos / 1e6, (done - handedOver) / 1e6);
    }

    /** A cumulative stream of changes over the healthy mesh: every snapshot differs from the one before in one cluster. */
    static List<MeshStatus> churn(MeshPlan plan, int count) {
        List<ClusterStatus> healthy = Samples.healthyClusters(plan);
        List<ClusterStatus> now = new ArrayList<>(healthy);
        List<MeshStatus> out = new ArrayList<>();
        Instant at = Samples.T0;
        for (int i = 0; i < count; i++) {
            int index = i % CLUSTERS;
            ClusterStatus c = now.get(index);
            ClusterStatus h = healthy.get(index);
            ClusterStatus next = switch ((i / CLUSTERS) % 6) {
                case 0 -> Samples.withAddress(c, "198.51.100." + (i % 250 + 1));
                case 1 -> Samples.withPods(c, c.gateway().podsReady() == 0 ? 1 : 0, 1);
                case 2 -> Samples.withGateway(c, c.gateway().withProbe(new ProbeResult(
                        c.gateway().probe().state() == ProbeState.READY ? ProbeState.NOT_READY : ProbeState.READY, c.gateway().probe().url(),
                        c.gateway().probe().state() == ProbeState.READY ? "HTTP 503" : "HTTP 200", at)));
                case 3 -> Samples.withState(c, switch (c.state()) {
                    case SYNCED -> ConnectionState.RECONNECTING;
                    case RECONNECTING -> ConnectionState.OFFLINE;
                    default -> ConnectionState.SYNCED;
                }, c.state() == ConnectionState.OFFLINE ? "" : "lost the watch connection to the API server; retrying");
                case 4 -> {
                    String source = healthy.get((index + 1 + i / 60) % CLUSTERS).name();
                    boolean present = c.remoteSecretClusters().contains(source);
                    yield present ? Samples.withoutSecret(c, source) : withSecrets(c, h.remoteSecrets());
                }
                default -> Samples.withIstiod(c, c.istiod().ready() == 0 ? 1 : 0, 1);
            };
            now.set(index, next);
            at = at.plusMillis(1);
            out.add(Samples.status(plan, now, at));
        }
        return out;
    }

    private static ClusterStatus withSecrets(ClusterStatus c, List<RemoteSecret> secrets) {
        return new ClusterStatus(c.name(), c.context(), c.plannedNetwork(), c.primary(), c.contextLoaded(), c.demo(), c.state(), c.stateDetail(), c.namespacePresent(),
                c.network(), c.istiod(), c.gateway(), c.istioGateways(), c.gatewayCrdInstalled(), secrets, c.expectedRemoteSecrets(), c.rootCertificate(),
                c.helmReleases(), c.remoteClusters(), c.lastChange());
    }

    /** Pulses and the frame that shows an expected snapshot. */
    static final class Frames {
        record Window(long pulses, long maxGapNanos, long maxWorkNanos, long maxCpuNanos, long cpuNanos) {
        }

        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

        final LivePane pane;
        final AnimationTimer timer;
        volatile MeshStatus expected;
        volatile long expectedAt;
        volatile long shownAt;
        volatile long lastCpu;
        // FX thread
        long lastPulse;
        long pulseStart;
        boolean window;
        long pulses;
        long maxGap;
        long maxWork;
        long pulseCpu;
        long maxCpu;
        long cpu;

        Frames(LivePane pane) {
            this.pane = pane;
            this.timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (window && lastPulse != 0) {
                        maxGap = Math.max(maxGap, t - lastPulse);
                        pulses++;
                    }
                    lastPulse = t;
                    pulseStart = t;
                    pulseCpu = THREADS.getCurrentThreadCpuTime();
                }
            };
        }

        void afterLayout() {
            long t = System.nanoTime();
            if (window && pulseStart != 0) {
                maxWork = Math.max(maxWork, t - pulseStart);
                long used = THREADS.getCurrentThreadCpuTime() - pulseCpu;
                maxCpu = Math.max(maxCpu, used);
                cpu += used;
            }
            MeshStatus e = expected;
            if (e != null && pane.viewModel().statusProperty().get() == e && shownAt == 0) {
                lastCpu = THREADS.getCurrentThreadCpuTime() - pulseCpu;
                shownAt = t;
            }
        }

        void expect(MeshStatus s) {
            shownAt = 0;
            expectedAt = System.nanoTime();
            expected = s;
        }

        long awaitShown(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (shownAt == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the snapshot never showed");
                }
                Thread.sleep(0, 100_000);
            }
            return shownAt - expectedAt;
        }

        void startWindow() throws Exception {
            onFx(() -> {
                window = true;
                pulses = 0;
                maxGap = 0;
                maxWork = 0;
                maxCpu = 0;
                cpu = 0;
                lastPulse = 0;
            });
        }

        Window endWindow() throws Exception {
            return onFxGet(() -> {
                window = false;
                return new Window(pulses, maxGap, maxWork, maxCpu, cpu);
            });
        }
    }

    private static void awaitShown(Frames frames, MeshStatus s, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (onFxGet(() -> frames.pane.viewModel().statusProperty().get()) != s) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the first snapshot never showed");
            }
            Thread.sleep(10);
        }
    }

    /** Posts a runLater every 2 ms and keeps the longest wait until it ran. */
    static final class Ping {
        final AtomicLong maxWait = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                long posted = System.nanoTime();
                Platform.runLater(() -> maxWait.accumulateAndGet(System.nanoTime() - posted, Math::max));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ping");

        void start() {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
            Thread.sleep(50);
        }
    }

    static final class Feed implements StatusFeed {
        volatile java.util.function.Consumer<MeshStatus> consumer;
        volatile MeshStatus latest;

        @Override
        public StatusMonitor.Subscription subscribe(java.util.function.Consumer<MeshStatus> c) {
            consumer = c;
            if (latest != null) {
                c.accept(latest);
            }
            return () -> consumer = null;
        }

        void push(MeshStatus s) {
            latest = s;
            java.util.function.Consumer<MeshStatus> c = consumer;
            if (c != null) {
                c.accept(s);
            }
        }
    }

    static void headless() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("prism.text", "t2k");
        setIfAbsent("headless.geometry", "1920x1200-32");
        setIfAbsent("java.awt.headless", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static void onFx(Runnable r) throws Exception {
        onFxGet(() -> {
            r.run();
            return null;
        });
    }

    static <T> T onFxGet(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
