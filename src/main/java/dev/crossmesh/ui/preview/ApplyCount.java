package dev.crossmesh.ui.preview;

import java.util.ArrayList;
import java.util.List;

import dev.crossmesh.kube.ApplyRollout;
import dev.crossmesh.kube.ControlPlaneMode;
import dev.crossmesh.render.ApplyMethod;
import dev.crossmesh.render.RenderedMesh;

/**
 * How many steps applying a rendering takes, by kind: the one count the Preview, the live diff, the dry run, the
 * confirmation and the progress bar all give. It is made from the {@link ApplyRollout} the applier walks, so it
 * cannot disagree with the run.
 *
 * @param objects       objects applied through the API
 * @param controlPlanes control-plane installs (istioctl or operator manifests, or the Helm path's releases)
 * @param remoteSecrets remote secrets, made at apply time
 * @param readerObjects the remote-secret reader's account, role and token in the clusters others read
 * @param gatewayWaits  waits for an east-west gateway's address
 * @param exportOnly    files of the export that are never applied (the istioctl overlay of the gateway)
 */
public record ApplyCount(int objects, int controlPlanes, int remoteSecrets, int readerObjects, int gatewayWaits, int exportOnly) {

    public static ApplyCount of(RenderedMesh mesh, ControlPlaneMode mode) {
        ApplyRollout rollout = ApplyRollout.of(mesh, mode);
        int objects = 0;
        int controlPlanes = 0;
        int remoteSecrets = 0;
        int readers = 0;
        int waits = 0;
        for (var cluster : mesh.plan().clusters()) {
            for (ApplyRollout.Step step : rollout.steps(cluster.name())) {
                switch (step.kind()) {
                    case OBJECT -> objects++;
                    case CONTROL_PLANE, HELM_RELEASE -> controlPlanes++;
                    case REMOTE_SECRET -> remoteSecrets++;
                    case READER_OBJECT, READER_TOKEN -> readers++;
                    case GATEWAY_ADDRESS -> waits++;
                }
            }
        }
        int exportOnly = (int) mesh.all().stream().filter(m -> m.method() == ApplyMethod.ALTERNATIVE).count();
        return new ApplyCount(objects, controlPlanes, remoteSecrets, readers, waits, exportOnly);
    }

    /** Every step of the run: what the progress bar counts to. */
    public int steps() {
        return objects + controlPlanes + remoteSecrets + readerObjects + gatewayWaits;
    }

    /** Steps that create or update something in a cluster: all but the waits for gateway addresses. */
    public int writes() {
        return steps() - gatewayWaits;
    }

    /** {@code 26 steps: 12 objects, 2 control planes, 2 remote secrets, 8 reader objects, 2 gateway-address waits}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, objects, "object", "objects");
        add(parts, controlPlanes, "control plane", "control planes");
        add(parts, remoteSecrets, "remote secret", "remote secrets");
        add(parts, readerObjects, "remote-secret reader object", "remote-secret reader objects");
        add(parts, gatewayWaits, "gateway-address wait", "gateway-address waits");
        return steps() + (steps() == 1 ? " step: " : " steps: ") + String.join(", ", parts);
    }

    private static void add(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }
}
