package dev.crossmesh.ui.clusters;

import dev.crossmesh.kube.ProbeResult;

/** What is known about whether a picked context's cluster answers. */
public record Reachability(State state, String version, String region, String problem) {
    public enum State {
        NOT_CHECKED, CHECKING, REACHABLE, UNREACHABLE, NOT_IN_KUBECONFIG
    }

    public static final Reachability NOT_CHECKED = new Reachability(State.NOT_CHECKED, "", "", "");
    public static final Reachability CHECKING = new Reachability(State.CHECKING, "", "", "");

    public static Reachability of(ProbeResult result) {
        return result.reachable()
                ? new Reachability(State.REACHABLE, result.version(), result.region(), "")
                : new Reachability(State.UNREACHABLE, "", "", result.problem());
    }

    public static Reachability unreachable(String problem) {
        return new Reachability(State.UNREACHABLE, "", "", problem);
    }

    public static Reachability notInKubeconfig(String context) {
        return new Reachability(State.NOT_IN_KUBECONFIG, "", "", "context '" + context
                + "' is in the plan but in none of the kubeconfig files: open the kubeconfig that defines it");
    }

    /** One line for a table cell. */
    public String summary() {
        return switch (state) {
            case NOT_CHECKED -> "";
            case CHECKING -> "Checking…";
            case REACHABLE -> "Kubernetes " + version;
            case UNREACHABLE, NOT_IN_KUBECONFIG -> problem;
        };
    }
}
