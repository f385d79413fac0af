package dev.crossmesh.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The east-west gateway's Service: its type and annotations copied onto it (e.g. internal load balancer). */
public record GatewaySpec(ServiceType serviceType, Map<String, String> annotations) {
    public GatewaySpec {
        serviceType = serviceType == null ? ServiceType.LOAD_BALANCER : serviceType;
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public static GatewaySpec defaults() {
        return new GatewaySpec(ServiceType.LOAD_BALANCER, Map.of());
    }
}
