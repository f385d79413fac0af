package dev.crossmesh.plan;

/** Which distribution installs the control plane. */
public enum Flavor implements PlanEnum {
    ISTIO("istio"),
    /** Anthos Service Mesh / Cloud Service Mesh in-cluster control plane. */
    ASM("asm");

    private final String yamlName;

    Flavor(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
