package dev.crossmesh.plan;

/** Where the mesh's shared root of trust comes from. */
public enum CaMode implements PlanEnum {
    /** crossmesh makes one root and an intermediate per cluster, plugged in as the cacerts Secret. */
    SHARED_ROOT("shared-root"),
    /** Google's Mesh CA issues workload certificates (ASM on GKE only). */
    MESH_CA("mesh-ca"),
    /** The user already plugged certificates into every cluster. */
    EXISTING("existing");

    private final String yamlName;

    CaMode(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
