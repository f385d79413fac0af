package dev.crossmesh.status;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Istio {@code Gateway} object found in istio-system.
 *
 * @param apiVersion the version it was read at ({@code networking.istio.io/v1} or {@code .../v1alpha3})
 * @param selector   the workload selector; the east-west gateway is {@code istio: eastwestgateway}
 */
public record IstioGateway(String name, String apiVersion, Map<String, String> selector, List<Server> servers) {
    public IstioGateway {
        selector = selector == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(selector));
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /** One {@code spec.servers[]} entry; {@code tlsMode} is "" when the server has no tls block. */
    public record Server(int port, String protocol, String tlsMode, List<String> hosts) {
        public Server {
            protocol = protocol == null ? "" : protocol;
            tlsMode = tlsMode == null ? "" : tlsMode;
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    public boolean bindsPort(int port) {
        return servers.stream().anyMatch(s -> s.port() == port);
    }

    /** What {@code expose-services.yaml} sets up: 15443, TLS, AUTO_PASSTHROUGH. */
    public boolean isCrossNetwork() {
        return servers.stream().anyMatch(s -> s.port() == GatewayStatus.CROSS_NETWORK_PORT && "AUTO_PASSTHROUGH".equals(s.tlsMode()));
    }
}
