package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * What Kubernetes' token controller does: fills {@code kubernetes.io/service-account-token} Secrets with a
 * token, the cluster's CA certificate and the namespace, shortly after they are created. The token is one the cluster
 * signed for the service account the Secret's {@code kubernetes.io/service-account.name} annotation names: the API
 * server takes it while that Secret holds it and that service account exists, and authorizes it by RBAC.
 */
final class TokenController implements AutoCloseable {
    static final String TOKEN_TYPE = "kubernetes.io/service-account-token";
    static final String SERVICE_ACCOUNT_NAME = "kubernetes.io/service-account.name";
    static final String SERVICE_ACCOUNT_UID = "kubernetes.io/service-account.uid";

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
        String namespace = secret.getMetadata().getNamespace();
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? Map.of() : secret.getMetadata().getAnnotations();
        String account = annotations.getOrDefault(SERVICE_ACCOUNT_NAME, "");
        String uid = serviceAccountUid(namespace, account);
        Map<String, String> data = new HashMap<>();
        data.put("token", b64(server.serviceAccountTokens().legacy(namespace, account, uid, secret.getMetadata().getName())));
        data.put("ca.crt", b64(server.certificatePem()));
        data.put("namespace", b64(secret.getMetadata().getNamespace()));
        try {
            server.adminClient().secrets().inNamespace(secret.getMetadata().getNamespace()).withName(secret.getMetadata().getName())
                    .edit(s -> {
                        s.setData(data);
                        if (!uid.isEmpty()) {
                            s.getMetadata().setAnnotations(new HashMap<>(s.getMetadata().getAnnotations() == null ? Map.of()
                                    : s.getMetadata().getAnnotations()));
                            s.getMetadata().getAnnotations().put(SERVICE_ACCOUNT_UID, uid);
                        }
                        return s;
                    });
        } catch (RuntimeException e) {
            // the Secret went away or the server stopped; a later event retries
        }
    }

    /** The service account's uid, which the token carries so that a service account made again does not take it over; "" when unknown. */
    private String serviceAccountUid(String namespace, String account) {
        if (account.isEmpty()) {
            return "";
        }
        try {
            ServiceAccount sa = server.adminClient().serviceAccounts().inNamespace(namespace).withName(account).get();
            return sa == null || sa.getMetadata().getUid() == null ? "" : sa.getMetadata().getUid();
        } catch (RuntimeException e) {
            return ""; // the server stopped: the token still names the account
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
