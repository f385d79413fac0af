package dev.crossmesh.plan;

/** A cluster's part in the control plane. Only primary-remote plans have remotes. */
public enum Role implements PlanEnum {
    PRIMARY("primary"),
    REMOTE("remote");

    private final String yamlName;

    Role(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
