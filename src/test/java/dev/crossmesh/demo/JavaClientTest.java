package dev.crossmesh.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;

/**
 * The official Kubernetes Java client on a demo cluster: its models are strict (a pod's container status without
 * {@code imageID} fails to parse), and its informer lists once and then watches over chunked HTTP; an informer that
 * cannot watch lists again and again.
 */
class JavaClientTest {

    @Test
    void listsPodsAndAnInformerListsOnceThenWatches(@TempDir Path dir) throws Exception {
        try (DemoClusters demo = DemoClusters.builder().clusters(1).kubeconfig(dir.resolve("k")).start()) {
            demo.server("demo-cluster-1").adminClient().apps().deployments().inNamespace("default").resource(
                    new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                            .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
                            .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                            .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                            .endTemplate().endSpec().build()).create();
            ApiClient client;
            try (Reader reader = Files.newBufferedReader(demo.kubeconfig())) {
                KubeConfig config = KubeConfig.loadKubeConfig(reader);
                config.setContext("demo-cluster-1");
                client = ClientBuilder.kubeconfig(config).build();
            }
            CoreV1Api core = new CoreV1Api(client);
            V1PodList pods = Await.until("a running pod", () -> list(core), l -> l.getItems().stream()
                    .anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));
            V1Pod pod = pods.getItems().get(0);
            String imageId = pod.getStatus().getContainerStatuses().get(0).getImageID();
            assertTrue(imageId != null && !imageId.isEmpty(), pod.getStatus().toString());

            ApiException missing = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                    () -> core.readNamespacedConfigMap("nope", "default").execute());
            assertEquals(404, missing.getCode());

            SharedInformerFactory factory = new SharedInformerFactory(client);
            SharedIndexInformer<V1ConfigMap> informer = factory.sharedIndexInformerFor(
                    call -> core.listNamespacedConfigMap("default").resourceVersion(call.resourceVersion).watch(call.watch)
                            .timeoutSeconds(call.timeoutSeconds).allowWatchBookmarks(true).buildCall(null),
                    V1ConfigMap.class, V1ConfigMapList.class);
            List<String> added = new CopyOnWriteArrayList<>();
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(V1ConfigMap obj) {
                    added.add(obj.getMetadata().getName());
                }

                @Override
                public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
                }

                @Override
                public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
                }
            });
            long before = demo.server("demo-cluster-1").requestCount();
            factory.startAllRegisteredInformers();
            try {
                Await.until("the informer synced", informer::hasSynced, s -> s);
                core.createNamespacedConfigMap("default", new V1ConfigMap().metadata(new V1ObjectMeta().name("watched"))
                        .data(Map.of("a", "b"))).execute();
                Await.until("the informer saw the new ConfigMap", () -> added, a -> a.contains("watched"));
                Thread.sleep(4_000);
                long requests = demo.server("demo-cluster-1").requestCount() - before;
                // one list, one watch, the create; an informer whose watch failed would list every second or so
                assertTrue(requests <= 5, requests + " requests in about 4 s: the informer lists again instead of watching");
            } finally {
                factory.stopAllRegisteredInformers();
            }
        }
    }

    private static V1PodList list(CoreV1Api core) {
        try {
            return core.listPodForAllNamespaces().execute();
        } catch (ApiException e) {
            throw new IllegalStateException(e.getCode() + " " + e.getResponseBody(), e);
        }
    }
}
