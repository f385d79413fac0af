package dev.crossmesh.status;

/** A port of the east-west gateway Service; {@code nodePort} is 0 when the Service has none. */
public record GatewayPort(String name, int port, int nodePort) {
    public GatewayPort {
        name = name == null ? "" : name;
    }
}
