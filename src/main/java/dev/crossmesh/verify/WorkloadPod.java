package dev.crossmesh.verify;

/**
 * A pod of the check as its cluster reports it.
 *
 * @param app           {@link VerifyWorkload#SERVER} or {@link VerifyWorkload#CLIENT}
 * @param sidecar       whether it has an {@code istio-proxy} container
 * @param waitingReason why a container is not running yet ({@code ImagePullBackOff}, ...), or ""
 */
public record WorkloadPod(String name, String app, String phase, boolean ready, boolean sidecar, String waitingReason) {
    public WorkloadPod {
        phase = phase == null ? "" : phase;
        waitingReason = waitingReason == null ? "" : waitingReason;
    }

    /** {@code helloworld-abc (Pending, ImagePullBackOff)} */
    public String describe() {
        return name + " (" + (phase.isEmpty() ? "no phase" : phase) + (ready ? ", ready" : ", not ready") + (waitingReason.isEmpty() ? "" : ", " + waitingReason) + ")";
    }
}
