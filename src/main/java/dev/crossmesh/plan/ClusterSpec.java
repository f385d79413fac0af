package dev.crossmesh.plan;

/**
 * One cluster of the mesh.
 *
 * @param name      clusterName / CLUSTER_ID, also the name of its remote secrets
 * @param context   kubeconfig context that reaches it
 * @param network   network (VPC, L3 domain) it sits in
 * @param region    shown in the topology; "" when unknown
 * @param role      primary, or remote in a primary-remote mesh
 * @param apiServer API server address other clusters use in remote secrets; "" for the context's server
 * @param tlsServerName the host name the API server's certificate names, when it is reached through a proxy or an
 *                  address its certificate does not name (remote secrets carry it as {@code tls-server-name}); "" for none
 */
public record ClusterSpec(String name, String context, String network, String region, Role role, String apiServer, String tlsServerName) {
    public ClusterSpec {
        name = name == null ? "" : name;
        context = context == null ? "" : context;
        network = network == null ? "" : network;
        region = region == null ? "" : region;
        role = role == null ? Role.PRIMARY : role;
        apiServer = apiServer == null ? "" : apiServer;
        tlsServerName = tlsServerName == null ? "" : tlsServerName;
    }

    public ClusterSpec(String name, String context, String network, String region, Role role, String apiServer) {
        this(name, context, network, region, role, apiServer, "");
    }

    public ClusterSpec(String name, String context, String network) {
        this(name, context, network, "", Role.PRIMARY, "");
    }

    public ClusterSpec withName(String value) {
        return new ClusterSpec(value, context, network, region, role, apiServer, tlsServerName);
    }

    public ClusterSpec withNetwork(String value) {
        return new ClusterSpec(name, context, value, region, role, apiServer, tlsServerName);
    }

    public ClusterSpec withRegion(String value) {
        return new ClusterSpec(name, context, network, value, role, apiServer, tlsServerName);
    }

    public ClusterSpec withRole(Role value) {
        return new ClusterSpec(name, context, network, region, value, apiServer, tlsServerName);
    }

    public ClusterSpec withApiServer(String value) {
        return new ClusterSpec(name, context, network, region, role, value, tlsServerName);
    }

    public ClusterSpec withTlsServerName(String value) {
        return new ClusterSpec(name, context, network, region, role, apiServer, value);
    }

    public boolean isPrimary() {
        return role == Role.PRIMARY;
    }
}
