package dev.crossmesh.plan;

/** Kubernetes Service type of the east-west gateway. */
public enum ServiceType implements PlanEnum {
    LOAD_BALANCER("LoadBalancer"),
    NODE_PORT("NodePort");

    private final String yamlName;

    ServiceType(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
