package dev.crossmesh.verify;

import java.time.Duration;
import java.util.List;

/** One cluster, as the check uses it: deploy the workload, watch its pods, run a command in one, remove it all. */
public interface VerifyTarget {
    /** Creates (or brings back to what it should be) the namespace and the objects of the check in this cluster. */
    void deploy(VerifyWorkload workload) throws VerifyException;

    /** The pods of the check's two Deployments, as they are now. */
    List<WorkloadPod> pods(VerifyWorkload workload) throws VerifyException;

    /** Runs a command in a container of a pod through the exec API, waiting at most {@code timeout}. */
    ExecOutput exec(String namespace, String pod, String container, List<String> command, Duration timeout);

    /** The revisions Istio's sidecar injector webhooks serve here ({@code default} for the default one); empty when none is installed. */
    List<String> injectorRevisions() throws VerifyException;

    /** Removes the check's namespace and everything in it; returns once it is gone or its deletion is under way. */
    void remove(VerifyWorkload workload) throws VerifyException;
}
