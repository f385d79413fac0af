package dev.crossmesh.status;

import java.util.List;

/**
 * The east-west gateway of one cluster: its Service ({@code istio=eastwestgateway} in istio-system), its pods and
 * the readiness probe.
 *
 * @param serviceName     the Service's name, or "" when there is no east-west gateway Service
 * @param serviceType     {@code LoadBalancer}, {@code NodePort}, ... or ""
 * @param address         the address other networks reach it at (load-balancer IP or hostname, else an external IP), or ""
 * @param noAddressReason why there is no address, in words the user can act on; "" when there is one
 * @param networkLabel    the Service's {@code topology.istio.io/network} label, by which istiod finds network gateways; ""
 *                        when missing
 * @param ports           ports the Service exposes
 * @param statusPort      the port probed: the {@code crossmesh.dev/status-port} annotation, else the port named
 *                        {@code status-port}, else 15021
 * @param podsReady       gateway pods that are Ready
 * @param podsTotal       gateway pods
 * @param probe           the last readiness probe
 */
public record GatewayStatus(String serviceName, String serviceType, String address, String noAddressReason, String networkLabel,
        List<GatewayPort> ports, int statusPort, int podsReady, int podsTotal, ProbeResult probe) {
    public static final int CROSS_NETWORK_PORT = 15443;
    public static final int DEFAULT_STATUS_PORT = 15021;

    public GatewayStatus {
        serviceName = serviceName == null ? "" : serviceName;
        serviceType = serviceType == null ? "" : serviceType;
        address = address == null ? "" : address;
        noAddressReason = noAddressReason == null ? "" : noAddressReason;
        networkLabel = networkLabel == null ? "" : networkLabel;
        ports = ports == null ? List.of() : List.copyOf(ports);
        probe = probe == null ? ProbeResult.notProbed("no address") : probe;
    }

    public static GatewayStatus none(int podsReady, int podsTotal) {
        return new GatewayStatus("", "", "", "no east-west gateway Service (label istio=eastwestgateway) in istio-system", "",
                List.of(), DEFAULT_STATUS_PORT, podsReady, podsTotal, ProbeResult.notProbed("no east-west gateway Service"));
    }

    public boolean present() {
        return !serviceName.isEmpty();
    }

    public boolean hasAddress() {
        return !address.isEmpty();
    }

    public boolean exposes(int port) {
        return ports.stream().anyMatch(p -> p.port() == port);
    }

    public GatewayStatus withProbe(ProbeResult value) {
        return new GatewayStatus(serviceName, serviceType, address, noAddressReason, networkLabel, ports, statusPort, podsReady, podsTotal, value);
    }
}
