package dev.crossmesh.ui.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import javafx.beans.property.SimpleObjectProperty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.certs.CertStore;
import dev.crossmesh.certs.KeyType;
import dev.crossmesh.demo.DemoClusters;
import dev.crossmesh.demo.SimulationOptions;
import dev.crossmesh.kube.Kubeconfigs;
import dev.crossmesh.plan.ClusterCerts;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.render.ManifestRenderer;
import dev.crossmesh.ui.ScriptedDialogs;
import dev.crossmesh.ui.core.PlanModel;
import dev.crossmesh.ui.core.TaskExecutor;
import dev.crossmesh.ui.preview.Rendering;

/**
 * How many hops to the UI thread a 10-cluster apply makes, and how long it takes, through the Apply step's
 * view-model with a single "UI thread" of its own: {@code mvn -o test -Dtest=ApplyStepMeasurementTest -Dcrossmesh.measure=true}.
 */
class ApplyStepMeasurementTest {

    @Test
    @EnabledIfSystemProperty(named = "crossmesh.measure", matches = "true")
    void tenClusters(@TempDir Path dir) throws Exception {
        int n = 10;
        MeshPlan plan = MeshPlan.of("ten", IntStream.rangeClosed(1, n)
                .mapToObj(i -> new ClusterSpec("cluster-" + i, "demo-cluster-" + i, "vpc-" + i)).toList());
        try (DemoClusters demo = DemoClusters.builder().clusters(n).kubeconfig(dir.resolve("kubeconfig")).simulation(SimulationOptions.fast()).start()) {
            Map<String, ClusterCerts> certs = CertStore.forPlan(plan, dir.resolve("certs"), KeyType.EC_P256);
            Rendering rendering = new Rendering(plan, certs, ManifestRenderer.render(plan, certs));
            CountingUi ui = new CountingUi();
            AtomicInteger events = new AtomicInteger();
            ApplyService counted = new ApplyService() {
                private final ApplyService real = ApplyService.meshApplier();

                @Override
                public boolean available() {
                    return true;
                }

                @Override
                public Outcome apply(Request request, Listener listener, dev.crossmesh.kube.CancelToken cancel) throws Exception {
                    return real.apply(request, u -> {
                        events.incrementAndGet();
                        listener.update(u);
                    }, cancel);
                }
            };
            ScriptedDialogs dialogs = new ScriptedDialogs();
            ApplyStepViewModel vm = ui.call(() -> new ApplyStepViewModel(new PlanModel(plan), new SimpleObjectProperty<>(rendering),
                    new SimpleObjectProperty<>(Kubeconfigs.of(List.of(demo.kubeconfig()))), counted, ui, dialogs));
            for (boolean dry : List.of(true, false)) {
                events.set(0);
                ui.hops.set(0);
                long start = System.nanoTime();
                if (!dry) {
                    dialogs.confirmations.add(true);
                }
                ui.call(() -> {
                    if (dry) {
                        vm.dryRun();
                    } else {
                        vm.apply();
                    }
                    return null;
                });
                while (ui.call(() -> vm.runningProperty().get())) {
                    Thread.sleep(20);
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.println((dry ? "dry run" : "apply") + " of " + n + " demo clusters through the Apply step: " + ms + " ms, "
                        + events.get() + " events, " + ui.hops.get() + " hops to the UI thread, " + ui.call(() -> vm.log().size()) + " log lines; "
                        + ui.call(() -> vm.headlineProperty().get()));
            }
            assertEquals(ApplyStepViewModel.State.SUCCEEDED, ui.call(() -> vm.stateProperty().get()));
            ui.shutdown();
        }
    }

    /** One thread standing in for the FX thread; every hop to it is counted. */
    private static final class CountingUi implements TaskExecutor {
        final AtomicInteger hops = new AtomicInteger();
        private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
        private final ExecutorService workers = Executors.newCachedThreadPool();

        <T> T call(Callable<T> action) throws Exception {
            return uiThread.submit(action).get(60, TimeUnit.SECONDS);
        }

        @Override
        public <T> Cancellable run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            workers.submit(() -> {
                try {
                    T result = work.call();
                    onUiThread(() -> onSuccess.accept(result));
                } catch (Exception e) {
                    onUiThread(() -> onFailure.accept(e));
                }
            });
            return null;
        }

        @Override
        public void onUiThread(Runnable action) {
            hops.incrementAndGet();
            uiThread.submit(action);
        }

        @Override
        public void shutdown() {
            uiThread.shutdownNow();
            workers.shutdownNow();
        }
    }
}
