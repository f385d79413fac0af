package dev.crossmesh.kube;

import java.util.List;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * For tests: what a cloud's load-balancer controller does, in one demo cluster. Gives every LoadBalancer Service in
 * istio-system an ingress ip shortly after it appears (the demo package's simulated control plane will do this for
 * the demo; tests must not depend on it).
 */
public final class LoadBalancerSimulator implements AutoCloseable {
    private final SharedIndexInformer<Service> informer;

    public LoadBalancerSimulator(KubernetesClient admin, String ip) {
        informer = admin.services().inNamespace("istio-system").runnableInformer(0);
        informer.exceptionHandler((started, t) -> true);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service service) {
                assign(admin, service, ip);
            }

            @Override
            public void onUpdate(Service before, Service service) {
                assign(admin, service, ip);
            }

            @Override
            public void onDelete(Service service, boolean unknown) {
                // nothing to release
            }
        });
        informer.start();
    }

    private static void assign(KubernetesClient admin, Service service, String ip) {
        if (!"LoadBalancer".equals(service.getSpec().getType())) {
            return;
        }
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null && !service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
            return;
        }
        try {
            Service latest = admin.services().inNamespace("istio-system").withName(service.getMetadata().getName()).get();
            if (latest == null) {
                return;
            }
            latest.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
                    .withIngress(List.of(new LoadBalancerIngressBuilder().withIp(ip).build())).endLoadBalancer().build());
            admin.services().inNamespace("istio-system").resource(latest).updateStatus();
        } catch (RuntimeException e) {
            // a concurrent write; the update event that follows tries again
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
