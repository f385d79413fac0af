package dev.crossmesh.demo;

import java.time.Duration;
import java.util.Objects;

import dev.crossmesh.plan.IstioSpec;

/**
 * How the simulated control plane of every demo cluster behaves.
 *
 * @param podReadyDelay     how long a pod it starts takes to turn Ready (gateway pods, istiod)
 * @param loadBalancerDelay how long a LoadBalancer Service waits for its address
 * @param istioVersion      what istiod reports when the IstioOperator names no tag
 */
public record SimulationOptions(Duration podReadyDelay, Duration loadBalancerDelay, String istioVersion) {
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    public SimulationOptions {
        Objects.requireNonNull(podReadyDelay, "podReadyDelay");
        Objects.requireNonNull(loadBalancerDelay, "loadBalancerDelay");
        if (podReadyDelay.isNegative() || loadBalancerDelay.isNegative()) {
            throw new IllegalArgumentException("simulation delays cannot be negative");
        }
        istioVersion = istioVersion == null || istioVersion.isBlank() ? IstioSpec.DEFAULT_VERSION : istioVersion;
    }

    /** About a second for pods and load balancers: slow enough to watch, fast enough not to wait for. */
    public static SimulationOptions defaults() {
        return new SimulationOptions(DEFAULT_DELAY, DEFAULT_DELAY, IstioSpec.DEFAULT_VERSION);
    }

    /** For tests: everything happens within a few tens of milliseconds, still in the order a cluster does it. */
    public static SimulationOptions fast() {
        return new SimulationOptions(Duration.ofMillis(50), Duration.ofMillis(50), IstioSpec.DEFAULT_VERSION);
    }

    /** The same delay for pods and load balancers. */
    public SimulationOptions withDelay(Duration delay) {
        return new SimulationOptions(delay, delay, istioVersion);
    }

    public SimulationOptions withPodReadyDelay(Duration value) {
        return new SimulationOptions(value, loadBalancerDelay, istioVersion);
    }

    public SimulationOptions withLoadBalancerDelay(Duration value) {
        return new SimulationOptions(podReadyDelay, value, istioVersion);
    }

    public SimulationOptions withIstioVersion(String value) {
        return new SimulationOptions(podReadyDelay, loadBalancerDelay, value);
    }
}
