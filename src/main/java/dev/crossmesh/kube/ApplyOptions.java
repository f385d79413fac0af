package dev.crossmesh.kube;

import java.time.Duration;

/**
 * @param dryRun       send every write with dryRun=All: the API servers check it and change nothing
 * @param force        take over objects that exist without crossmesh's labels, and fields another field manager set to
 *                     other values (both are left alone and reported otherwise)
 * @param controlPlane how the control plane is installed
 * @param gatewayWait  how long to wait for each east-west gateway's load-balancer address (zero: do not wait)
 * @param charts       where the Helm path ({@link ControlPlaneMode#HELM}) takes Istio's charts from
 */
public record ApplyOptions(boolean dryRun, boolean force, ControlPlaneMode controlPlane, Duration gatewayWait, ChartSource charts) {
    public static final Duration DEFAULT_GATEWAY_WAIT = Duration.ofSeconds(120);

    public ApplyOptions {
        controlPlane = controlPlane == null ? ControlPlaneMode.AUTO : controlPlane;
        gatewayWait = gatewayWait == null || gatewayWait.isNegative() ? Duration.ZERO : gatewayWait;
        charts = charts == null ? ChartSource.istio() : charts;
    }

    public ApplyOptions(boolean dryRun, boolean force, ControlPlaneMode controlPlane, Duration gatewayWait) {
        this(dryRun, force, controlPlane, gatewayWait, ChartSource.istio());
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(false, false, ControlPlaneMode.AUTO, DEFAULT_GATEWAY_WAIT);
    }

    public ApplyOptions withDryRun(boolean value) {
        return new ApplyOptions(value, force, controlPlane, gatewayWait, charts);
    }

    public ApplyOptions withForce(boolean value) {
        return new ApplyOptions(dryRun, value, controlPlane, gatewayWait, charts);
    }

    public ApplyOptions withControlPlane(ControlPlaneMode value) {
        return new ApplyOptions(dryRun, force, value, gatewayWait, charts);
    }

    public ApplyOptions withGatewayWait(Duration value) {
        return new ApplyOptions(dryRun, force, controlPlane, value, charts);
    }

    public ApplyOptions withCharts(ChartSource value) {
        return new ApplyOptions(dryRun, force, controlPlane, gatewayWait, value);
    }
}
