package dev.crossmesh.kube;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where other networks reach a cluster's east-west gateway: its load balancer's ip or hostname, or a node address for NodePort. */
final class GatewayAddresses {
    private GatewayAddresses() {
    }

    /** {@code status.loadBalancer.ingress[0].ip}, else its {@code hostname} (AWS ELB); empty while pending. */
    static Optional<String> ofService(Map<String, Object> service) {
        if (service == null || !(service.get("status") instanceof Map<?, ?> status)
                || !(status.get("loadBalancer") instanceof Map<?, ?> lb) || !(lb.get("ingress") instanceof List<?> ingress)) {
            return Optional.empty();
        }
        for (Object entry : ingress) {
            if (entry instanceof Map<?, ?> m) {
                for (String key : List.of("ip", "hostname")) {
                    if (m.get(key) instanceof String value && !value.isBlank()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** For a NodePort gateway: the first node's ExternalIP, else its InternalIP. */
    static Optional<String> ofNodes(ClusterObjects api) {
        List<Map<String, Object>> nodes = api.list("v1", "Node", "", Map.of());
        for (String type : List.of("ExternalIP", "InternalIP")) {
            for (Map<String, Object> node : nodes) {
                if (node.get("status") instanceof Map<?, ?> status && status.get("addresses") instanceof List<?> addresses) {
                    for (Object a : addresses) {
                        if (a instanceof Map<?, ?> m && type.equals(m.get("type")) && m.get("address") instanceof String address) {
                            return Optional.of(address);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
