package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.KubeContext;
import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.kube.Kubeconfigs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

class DemoApiServerTest {

    @Test
    void demoClustersAreReachableThroughTheirKubeconfigAndIsolated(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(2, dir.resolve("kubeconfig"));
             ClusterClients clients = new ClusterClients(Kubeconfigs.of(List.of(demo.kubeconfig())))) {
            List<KubeContext> contexts = clients.kubeconfigs().contexts();
            assertEquals(List.of("demo-cluster-1", "demo-cluster-2"), contexts.stream().map(KubeContext::name).toList());
            assertTrue(contexts.stream().allMatch(KubeContext::demo));
            assertTrue(contexts.get(0).current());
            assertEquals(demo.server("demo-cluster-2").url(), contexts.get(1).server());

            KubernetesClient one = clients.client("demo-cluster-1");
            KubernetesClient two = clients.client("demo-cluster-2");
            assertEquals("1", one.getKubernetesVersion().getMajor());
            one.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("only-one").endMetadata().build()).create();
            assertNull(two.configMaps().inNamespace("default").withName("only-one").get());
        }
    }

    @Test
    void unknownContextIsAnErrorNotAFallback(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            KubeconfigException e = assertThrows(KubeconfigException.class,
                    () -> Kubeconfigs.of(List.of(demo.kubeconfig())).clientConfig("demo-cluster-9"));
            assertTrue(e.getMessage().contains("'demo-cluster-9'"), e.getMessage());
        }
    }

    @Test
    void dryRunChangesNothing(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            var cm = new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("default").endMetadata().addToData("a", "1").build();
            client.resource(cm).dryRun().create();
            assertNull(client.configMaps().inNamespace("default").withName("c").get());
            client.resource(cm).create();
            KubernetesClientException conflict = assertThrows(KubernetesClientException.class, () -> client.resource(cm).dryRun().create());
            assertEquals(409, conflict.getCode());
            client.configMaps().inNamespace("default").withName("c").dryRun().delete();
            assertEquals("1", client.configMaps().inNamespace("default").withName("c").get().getData().get("a"));
        }
    }

    @Test
    void tokenSecretsGetFilledAndAccessIsAllowed(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            DemoApiServer server = demo.server("demo-cluster-1");
            KubernetesClient client = server.adminClient();
            // as on a real API server, a namespace takes content only once it exists
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("istio-system")
                    .endMetadata().build()).create();
            client.resource(new SecretBuilder().withNewMetadata().withName("t").withNamespace("istio-system").endMetadata()
                    .withType(TokenController.TOKEN_TYPE).build()).create();
            var filled = client.secrets().inNamespace("istio-system").withName("t")
                    .waitUntilCondition(s -> s != null && s.getData() != null && s.getData().containsKey("token"), 10, TimeUnit.SECONDS);
            assertTrue(filled.getData().containsKey("ca.crt"));
            SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                    .withNewSpec().withNewResourceAttributes().withVerb("create").withResource("secrets").withNamespace("istio-system")
                    .endResourceAttributes().endSpec().build());
            assertTrue(review.getStatus().getAllowed());
        }
    }

    @Test
    void stoppedServerComesBackWithItsData(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            DemoApiServer server = demo.server("demo-cluster-1");
            KubernetesClient client = server.adminClient();
            client.resource(new ConfigMapBuilder().withNewMetadata().withName("keep").withNamespace("default").endMetadata().build()).create();
            int port = server.port();
            server.stop();
            long t0 = System.nanoTime();
            assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace("default").withName("keep").get());
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 5, "a stopped cluster fails fast");
            server.start();
            assertEquals(port, server.port());
            assertEquals("keep", client.configMaps().inNamespace("default").withName("keep").get().getMetadata().getName());
        }
    }

    @Test
    void closingWatchesWhileEventsFlowDoesNotStallTheServer(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.start(1, dir.resolve("kubeconfig"))) {
            KubernetesClient client = demo.server("demo-cluster-1").adminClient();
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                for (int i = 0; writing.get(); i++) {
                    try {
                        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("c" + (i % 50))
                                .endMetadata().addToData("payload", "x".repeat(20_000) + i).build()).createOr(NonDeletingOperation::update);
                    } catch (RuntimeException stopped) {
                        // interrupted at the end of the test
                    }
                }
            });
            writer.start();
            try {
                long start = System.nanoTime();
                // informers restarted while the cluster is busy: each close lands while events are being written to it
                for (int round = 0; round < 30; round++) {
                    Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, ConfigMap resource) {
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    });
                    Thread.sleep(20);
                    watch.close();
                }
                for (int i = 0; i < 20; i++) {
                    client.configMaps().inNamespace("default").withName("c0").get();
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                // about 1.5 s; when the mock closed a watch on its event loop behind a write to it, 30 to 90 s
                assertTrue(millis < 10_000, "30 watches opened and closed and 20 reads took " + millis + " ms");
            } finally {
                writing.set(false);
                writer.interrupt();
                writer.join();
            }
        }
    }
}
