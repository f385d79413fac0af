package dev.crossmesh.status;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Probes each cluster's east-west gateway: {@code GET http://<address>:<status port>/healthz/ready}, at once when the
 * address appears or changes and then periodically, on its own threads (never an informer's). A probe that gets no
 * answer says "unreachable from this machine": a laptop outside the VPC often cannot reach a gateway that the other
 * clusters reach fine.
 */
final class GatewayProber implements AutoCloseable {
    static final String WAITING = "waiting for the first probe";

    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final Consumer<String> onChange;
    /** When a probe last finished, whatever its outcome: the live view's heartbeat. */
    private volatile Instant lastResultAt;
    private final ScheduledExecutorService timer;
    private final ExecutorService httpThreads;
    private final HttpClient http;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    GatewayProber(Duration interval, Duration timeout, Clock clock, Consumer<String> onChange) {
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        this.onChange = onChange;
        this.timer = Executors.newSingleThreadScheduledExecutor(StatusMonitor.daemon("crossmesh-probe-timer"));
        // sendAsync: the thread only completes answers, so one is enough
        this.httpThreads = StatusMonitor.idling(1, "crossmesh-probe");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
    }

    /** Points the probe of a cluster at an address and port; an empty address stops probing it. Cheap when nothing changed. */
    void target(String cluster, String address, int port, String whyNoAddress) {
        Target current = targets.get(cluster);
        if (current != null && current.address.equals(address) && current.port == port && (!address.isEmpty() || current.why.equals(whyNoAddress))) {
            return;
        }
        if (current != null) {
            current.cancel();
        }
        Target next = new Target(cluster, address, port, whyNoAddress);
        targets.put(cluster, next);
        if (!address.isEmpty()) {
            next.task = timer.scheduleWithFixedDelay(() -> probe(next), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    ProbeResult result(String cluster) {
        Target t = targets.get(cluster);
        return t == null ? ProbeResult.notProbed("no address") : t.result;
    }

    /** Whether some gateway with an address has not had its first answer yet. */
    boolean anyWaiting() {
        return targets.values().stream().anyMatch(t -> !t.address.isEmpty() && t.result.state() == ProbeState.NOT_PROBED);
    }

    private void probe(Target t) {
        if (t.cancelled || !t.inFlight.compareAndSet(false, true)) {
            return;
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(t.url)).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            t.inFlight.set(false);
            record(t, new ProbeResult(ProbeState.UNREACHABLE, t.url, "not a valid address: " + t.address, clock.instant()));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            t.inFlight.set(false);
            ProbeResult result;
            if (error == null) {
                ProbeState state = response.statusCode() == 200 ? ProbeState.READY : ProbeState.NOT_READY;
                result = new ProbeResult(state, t.url, "HTTP " + response.statusCode(), clock.instant());
            } else {
                result = new ProbeResult(ProbeState.UNREACHABLE, t.url, unreachable(error, t), clock.instant());
            }
            record(t, result);
        });
    }

    /** When the newest probe finished, or null before the first. */
    Instant lastResultAt() {
        return lastResultAt;
    }

    private void record(Target t, ProbeResult result) {
        if (t.cancelled || targets.get(t.cluster) != t) {
            return;
        }
        ProbeResult before = t.result;
        t.result = result;
        Instant newest = lastResultAt;
        if (newest == null || result.at().isAfter(newest)) {
            lastResultAt = result.at();
        }
        if (!result.sameOutcome(before)) {
            onChange.accept(t.cluster);
        }
    }

    private String unreachable(Throwable error, Target t) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String seconds = timeout.toMillis() % 1000 == 0 ? String.valueOf(timeout.toSeconds()) : String.valueOf(timeout.toMillis() / 1000.0);
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection from this machine within " + seconds + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from this machine within " + seconds + " s";
        }
        if (e instanceof ConnectException && e.getCause() instanceof UnresolvedAddressException || e instanceof UnresolvedAddressException) {
            return "cannot resolve " + t.address + " from this machine";
        }
        if (e instanceof ConnectException) {
            return "connection refused from this machine";
        }
        if (e instanceof IOException) {
            return "no answer from this machine: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
        }
        return "probe failed: " + Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    }

    static String url(String address, int port) {
        String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port + "/healthz/ready";
    }

    @Override
    public void close() {
        targets.values().forEach(Target::cancel);
        timer.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static final class Target {
        final String cluster;
        final String address;
        final int port;
        final String why;
        final String url;
        final AtomicBoolean inFlight = new AtomicBoolean();
        volatile ProbeResult result;
        volatile boolean cancelled;
        volatile ScheduledFuture<?> task;

        Target(String cluster, String address, int port, String why) {
            this.cluster = cluster;
            this.address = address;
            this.port = port;
            this.why = why == null ? "" : why;
            this.url = address.isEmpty() ? "" : url(address, port);
            this.result = address.isEmpty() ? ProbeResult.notProbed(this.why.isEmpty() ? "no address" : "no address: " + this.why)
                    : new ProbeResult(ProbeState.NOT_PROBED, url, WAITING, null);
        }

        void cancel() {
            cancelled = true;
            ScheduledFuture<?> f = task;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
