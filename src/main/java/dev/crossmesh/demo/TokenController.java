package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * What Kubernetes' token controller does: fills {@code kubernetes.io/service-account-token} Secrets with a
 * token, the cluster's CA certificate and the namespace, shortly after they are created.
 */
final class TokenController implements AutoCloseable {
    static final String TOKEN_TYPE = "kubernetes.io/service-account-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DemoApiServer server;
    private SharedIndexInformer<Secret> informer;

    TokenController(DemoApiServer server) {
        this.server = server;
    }

    TokenController start() {
        KubernetesClient client = server.adminClient();
        informer = client.secrets().inAnyNamespace().runnableInformer(0);
        informer.exceptionHandler((started, t) -> true);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                fill(secret);
            }

            @Override
            public void onUpdate(Secret before, Secret secret) {
                fill(secret);
            }

            @Override
            public void onDelete(Secret secret, boolean unknown) {
                // nothing to clean up
            }
        });
        informer.start();
        return this;
    }

    private void fill(Secret secret) {
        if (!TOKEN_TYPE.equals(secret.getType()) || (secret.getData() != null && secret.getData().containsKey("token"))) {
            return;
        }
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        Map<String, String> data = new HashMap<>();
        data.put("token", b64("demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(token)));
        data.put("ca.crt", b64(server.certificatePem()));
        data.put("namespace", b64(secret.getMetadata().getNamespace()));
        try {
            server.adminClient().secrets().inNamespace(secret.getMetadata().getNamespace()).withName(secret.getMetadata().getName())
                    .edit(s -> {
                        s.setData(data);
                        return s;
                    });
        } catch (RuntimeException e) {
            // the Secret went away or the server stopped; a later event retries
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (informer != null) {
            DemoInformers.close(List.of(informer), server);
        }
    }
}
