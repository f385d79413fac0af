package dev.crossmesh.ui.topology;

import java.util.Objects;

/** What the user clicked: a cluster's card or its east-west gateway. */
public record Selection(Kind kind, String cluster) {
    public enum Kind {
        CLUSTER,
        GATEWAY
    }

    public Selection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cluster, "cluster");
    }

    public static Selection cluster(String name) {
        return new Selection(Kind.CLUSTER, name);
    }

    public static Selection gateway(String cluster) {
        return new Selection(Kind.GATEWAY, cluster);
    }

    /** The id of the element it selects in the {@link TopologyModel}. */
    public String elementId() {
        return kind == Kind.CLUSTER ? TopologyModel.ClusterNode.idOf(cluster) : TopologyModel.GatewayNode.idOf(cluster);
    }
}
