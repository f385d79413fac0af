package dev.crossmesh.verify;

import java.time.Duration;

import dev.crossmesh.plan.VerifySpec;

/**
 * @param requests      requests sent from each cluster's client (default 20)
 * @param timeout       how long the check waits for its pods to be ready; also bounds each request
 * @param keep          leave the namespace in place afterwards
 * @param imageRegistry a registry mirror for the two images, or "" for the plan's (else docker.io)
 */
public record VerifyOptions(int requests, Duration timeout, boolean keep, String imageRegistry) {
    public static final int DEFAULT_REQUESTS = 20;
    public static final int MAX_REQUESTS = 1000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** A single request never waits longer than this, whatever the readiness timeout. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public VerifyOptions {
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("--requests must be 1 to " + MAX_REQUESTS + ", not " + requests);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        imageRegistry = imageRegistry == null ? "" : imageRegistry.strip();
        String problem = VerifySpec.registryProblem(imageRegistry);
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException("--image-registry: " + problem);
        }
    }

    public static VerifyOptions defaults() {
        return new VerifyOptions(DEFAULT_REQUESTS, DEFAULT_TIMEOUT, false, "");
    }

    public Duration requestTimeout() {
        return timeout.compareTo(REQUEST_TIMEOUT) < 0 ? timeout : REQUEST_TIMEOUT;
    }
}
