package dev.crossmesh.plan;

/** How control planes are spread over the clusters. */
public enum Topology implements PlanEnum {
    /** Every cluster runs its own istiod and reads every other cluster's API server. */
    MULTI_PRIMARY("multi-primary"),
    /** Remote clusters have no istiod; they are served by a primary through its east-west gateway. */
    PRIMARY_REMOTE("primary-remote");

    private final String yamlName;

    Topology(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
