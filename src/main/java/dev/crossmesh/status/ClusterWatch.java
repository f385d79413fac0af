package dev.crossmesh.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.IstioReleases;
import dev.crossmesh.plan.IstioSpec;
import dev.crossmesh.plan.IstioVersion;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * The watches on one cluster: a fabric8 informer per kind of object the status needs, each on a narrow selector in
 * istio-system. Event handlers only mark the cluster dirty; the monitor's scheduler thread reads the informers' caches
 * when it builds a snapshot. The connection state comes from the informers' lifecycle ({@code hasSynced},
 * {@code isWatching}, the exception handler), never from polling the API server.
 */
final class ClusterWatch implements AutoCloseable {
    private static final String NS = Labels.ISTIO_NAMESPACE;
    static final String ISTIOD_APP = "istiod";
    private static final Duration RECONNECT_GRACE = Duration.ofSeconds(3);
    /** What {@code withName} selects by, for an informer and a list alike. */
    private static final String NAME_FIELD = "metadata.name";

    static final ResourceDefinitionContext GATEWAY_V1 = gatewayContext("v1");
    static final ResourceDefinitionContext GATEWAY_V1ALPHA3 = gatewayContext("v1alpha3");

    private final ClusterSpec spec;
    private final boolean primary;
    private final List<String> expectedRemoteSecrets;
    private final String meshConfigName;
    private final String plannedVersion;
    private final Runnable onChange;
    /**
     * Where each selection is listed once instead of watched (a one-shot status needs the objects, not their changes),
     * all at once; null to watch.
     */
    private final Executor listOnce;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final AtomicBoolean reviving = new AtomicBoolean();

    private volatile KubernetesClient client;
    private volatile String setupError;
    private volatile boolean demo;
    private volatile String lastError;
    private volatile boolean closed;

    private Watched<Namespace> namespace;
    private Watched<Deployment> istiodDeployments;
    private Watched<Pod> istiodPods;
    private Watched<ConfigMap> meshConfig;
    private Watched<Service> gatewayServices;
    private Watched<Pod> gatewayPods;
    private Watched<Secret> remoteSecrets;
    private Watched<ConfigMap> rootCert;
    private Watched<Secret> cacerts;
    private Watched<Secret> helmReleases;
    private Watched<GenericKubernetesResource> gatewaysV1;
    private Watched<GenericKubernetesResource> gatewaysV1alpha3;
    private volatile List<Watched<?>> required = List.of();
    private volatile List<Watched<GenericKubernetesResource>> optional = List.of();

    // only touched by the monitor's scheduler thread
    private boolean everSynced;
    private volatile long lastReviveAttempt = System.nanoTime();
    private Instant disconnectedSince;
    private long lastConnectAttempt;

    ClusterWatch(ClusterSpec spec, boolean primary, List<String> expectedRemoteSecrets, IstioSpec istio, Runnable onChange, Executor listOnce) {
        this.spec = spec;
        this.listOnce = listOnce;
        this.plannedVersion = istio.version();
        String revision = istio.revision();
        this.primary = primary;
        this.expectedRemoteSecrets = List.copyOf(expectedRemoteSecrets);
        this.meshConfigName = revision == null || revision.isEmpty() ? "istio" : "istio-" + revision;
        this.onChange = onChange;
    }

    String name() {
        return spec.name();
    }

    boolean hasClient() {
        return client != null;
    }

    long lastConnectAttempt() {
        return lastConnectAttempt;
    }

    void noteConnectAttempt(long nanos) {
        lastConnectAttempt = nanos;
    }

    /** Makes the client and starts the informers; on failure remembers why, and the monitor tries again later. */
    synchronized void connect(ClusterClients clients) {
        if (closed || client != null) {
            return;
        }
        try {
            KubernetesClient k = clients.client(spec.context());
            demo = clients.kubeconfigs().context(spec.context()).demo();
            start(k);
            client = k;
            setupError = null;
        } catch (KubeconfigException e) {
            setupError = e.getMessage();
        } catch (RuntimeException e) {
            stopAll();
            setupError = "cannot make a client for context " + spec.context() + ": " + Problems.describe(e);
        }
        markDirty();
    }

    private void start(KubernetesClient k) {
        namespace = new Watched<>("the istio-system namespace", false, k.namespaces().withField(NAME_FIELD, NS));
        istiodDeployments = new Watched<>("istiod Deployments (app=istiod)", false, k.apps().deployments().inNamespace(NS).withLabel("app", ISTIOD_APP));
        istiodPods = new Watched<>("istiod pods (app=istiod)", false, k.pods().inNamespace(NS).withLabel("app", ISTIOD_APP));
        meshConfig = new Watched<>("ConfigMap " + meshConfigName, false, k.configMaps().inNamespace(NS).withField(NAME_FIELD, meshConfigName));
        gatewayServices = new Watched<>("east-west gateway Services (istio=eastwestgateway)", false,
                k.services().inNamespace(NS).withLabel(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE));
        gatewayPods = new Watched<>("east-west gateway pods (istio=eastwestgateway)", false,
                k.pods().inNamespace(NS).withLabel(Labels.ISTIO_SELECTOR, Labels.EASTWEST_SELECTOR_VALUE));
        remoteSecrets = new Watched<>("remote secrets (istio/multiCluster=true)", false,
                k.secrets().inNamespace(NS).withLabel(Labels.MULTI_CLUSTER_SECRET, "true"));
        rootCert = new Watched<>("ConfigMap " + ClusterReader.ROOT_CERT_CONFIG_MAP, false,
                k.configMaps().inNamespace(NS).withField(NAME_FIELD, ClusterReader.ROOT_CERT_CONFIG_MAP));
        cacerts = new Watched<>("Secret " + ClusterReader.CACERTS_SECRET, false,
                k.secrets().inNamespace(NS).withField(NAME_FIELD, ClusterReader.CACERTS_SECRET));
        helmReleases = new Watched<>("Helm releases (Secrets owner=helm, status=deployed)", false, k.secrets().inNamespace(NS)
                .withLabel(ClusterReader.HELM_OWNER, "helm").withLabel(ClusterReader.HELM_STATUS, "deployed"));
        // Istio serves Gateway at v1 since 1.22 and at v1alpha3 before (and beside) it; a version that is not served answers 404
        gatewaysV1 = new Watched<>("Gateways (networking.istio.io/v1)", true, k.genericKubernetesResources(GATEWAY_V1).inNamespace(NS));
        gatewaysV1alpha3 = new Watched<>("Gateways (networking.istio.io/v1alpha3)", true, k.genericKubernetesResources(GATEWAY_V1ALPHA3).inNamespace(NS));
        required = List.of(namespace, istiodDeployments, istiodPods, meshConfig, gatewayServices, gatewayPods, remoteSecrets, rootCert, cacerts, helmReleases);
        optional = List.of(gatewaysV1, gatewaysV1alpha3);
        for (Watched<?> w : required) {
            w.start();
        }
        for (Watched<?> w : optional) {
            w.start();
        }
    }

    /**
     * After a long outage fabric8's informers back off for up to half a minute before they try again: when the API
     * server answers a plain request once more, start them afresh so the cluster shows synced within seconds.
     */
    void reviveIfReachable() {
        KubernetesClient k = client;
        // one question at a time: against a server that accepts and never answers, each would wait out the request timeout
        if (closed || k == null || !reviving.compareAndSet(false, true)) {
            return;
        }
        try {
            k.getKubernetesVersion();
        } catch (RuntimeException stillDown) {
            return;
        } finally {
            reviving.set(false);
        }
        synchronized (this) {
            if (closed || client == null) {
                return;
            }
            for (Watched<?> w : required) {
                if (w.needsRevive()) {
                    w.restart();
                }
            }
            for (Watched<GenericKubernetesResource> w : optional) {
                if (w.needsRevive() && !w.notServed) {
                    w.restart();
                }
            }
        }
        markDirty();
    }

    long lastReviveAttempt() {
        return lastReviveAttempt;
    }

    void noteReviveAttempt(long nanos) {
        lastReviveAttempt = nanos;
    }

    /** Tries again the Gateway versions that answered 404: Istio may have been installed since. */
    synchronized void recheckUnservedVersions() {
        if (closed || client == null) {
            return;
        }
        for (Watched<GenericKubernetesResource> w : optional) {
            if (w.notServed) {
                w.restart();
            }
        }
    }

    /**
     * The connection state, from the informers' lifecycle. Called on the scheduler thread only.
     *
     * @param offlineAfter how long a synced cluster may be disconnected before it counts as offline
     */
    ConnectionState observe(Instant now, Duration offlineAfter) {
        if (client == null) {
            return setupError == null ? ConnectionState.CONNECTING : ConnectionState.OFFLINE;
        }
        boolean synced = true;
        boolean watching = true;
        for (Watched<?> w : required) {
            synced &= w.hasSynced();
            watching &= w.isWatching();
        }
        for (Watched<GenericKubernetesResource> w : optional) {
            if (w.notServed && w.hasSynced() && w.isWatching()) {
                w.notServed = false;
                markDirty();
            }
            if (!everSynced) {
                // the first sync waits for every Gateway version to list or to say it is not served
                synced &= w.hasSynced() || w.notServed;
            }
        }
        if (synced && watching) {
            everSynced = true;
            disconnectedSince = null;
            lastError = null;
            return ConnectionState.SYNCED;
        }
        if (!everSynced) {
            return lastError == null ? ConnectionState.CONNECTING : ConnectionState.OFFLINE;
        }
        if (disconnectedSince == null) {
            disconnectedSince = now;
        }
        Duration down = Duration.between(disconnectedSince, now);
        if (down.compareTo(offlineAfter) >= 0) {
            return ConnectionState.OFFLINE;
        }
        // informers renew their watches now and then (the server ends each after a timeout, or restarted): a gap of a
        // few seconds without an error is that, not a lost cluster, and must not make the topology flicker; an error
        // (connection refused, 403) shows at once
        Duration grace = RECONNECT_GRACE.compareTo(offlineAfter.dividedBy(2)) < 0 ? RECONNECT_GRACE : offlineAfter.dividedBy(2);
        return down.compareTo(grace) < 0 && lastError == null ? ConnectionState.SYNCED : ConnectionState.RECONNECTING;
    }

    String detail(ConnectionState state) {
        String error = lastError;
        return switch (state) {
            case SYNCED -> "";
            case CONNECTING -> client == null ? "loading context " + spec.context() : "listing istio-system";
            case RECONNECTING -> error != null ? error : "lost the watch connection to the API server; retrying";
            case OFFLINE -> client == null ? orElse(setupError, "no client") : error != null ? error : "lost the watch connection to the API server; retrying";
        };
    }

    boolean takeDirty() {
        return dirty.getAndSet(false);
    }

    void markDirty() {
        dirty.set(true);
        onChange.run();
    }

    /**
     * Reads the informers' caches into a status record; {@code probe} points the prober at the gateway and answers its
     * last result. The caller sets the time of change.
     */
    ClusterStatus build(ConnectionState state, String detail, Function<GatewayStatus, ProbeResult> probe, ClusterzPoller clusterz) {
        if (client == null) {
            GatewayStatus none = GatewayStatus.none(0, 0);
            return new ClusterStatus(spec.name(), spec.context(), spec.network(), primary, false, false, state, detail, false, "", null,
                    none.withProbe(probe.apply(none)), List.of(), true, List.of(), expectedRemoteSecrets, null, null, null, null);
        }
        Optional<Namespace> ns = ClusterReader.istioNamespace(namespace.items());
        IstiodStatus istiod = ClusterReader.istiod(istiodDeployments.items(), istiodPods.items(), meshConfig.items().stream().findFirst());
        GatewayStatus gateway = ClusterReader.gateway(gatewayServices.items(), gatewayPods.items());
        gateway = gateway.withProbe(probe.apply(gateway));
        List<IstioGateway> gateways = ClusterReader.istioGateways(List.of(gatewaysV1.served(), gatewaysV1alpha3.served()));
        boolean crdInstalled = !(gatewaysV1.notServed && gatewaysV1alpha3.notServed);
        return new ClusterStatus(spec.name(), spec.context(), spec.network(), primary, true, demo, state, detail,
                ns.isPresent(), ns.map(ClusterReader::networkLabel).orElse(""),
                istiod, gateway, gateways, crdInstalled,
                ClusterReader.remoteSecrets(remoteSecrets.items()), expectedRemoteSecrets,
                ClusterReader.rootCertificate(rootCert.items().stream().findFirst(), cacerts.items().stream().findFirst()),
                ClusterReader.helmReleases(helmReleases.items()), remoteClusters(istiod, clusterz), null);
    }

    /**
     * What istiod reports of its remote clusters, asked while it has a ready pod and its release serves
     * {@code /debug/clusterz} (the running istiod's version, else the plan's); null while unknown.
     */
    private List<RemoteClusterStatus> remoteClusters(IstiodStatus istiod, ClusterzPoller clusterz) {
        String version = IstioVersion.parse(istiod.version()).isPresent() ? istiod.version() : plannedVersion;
        if (istiod.ready() == 0 || !IstioReleases.facts(version).clusterzDebug()) {
            clusterz.forget(spec.name());
            return null;
        }
        // the pods istioctl asks: app=istiod, phase Running
        clusterz.target(spec.name(), client, () -> istiodPods.items().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()) && p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName())).map(ClusterzPoller.IstiodPod::of).toList());
        return clusterz.result(spec.name());
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopAll();
    }

    private void stopAll() {
        for (Watched<?> w : required) {
            w.stop();
        }
        for (Watched<?> w : optional) {
            w.stop();
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static ResourceDefinitionContext gatewayContext(String version) {
        return new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion(version)
                .withKind("Gateway").withPlural("gateways").withNamespaced(true).build();
    }

    /**
     * One selection of objects and what it is, in words for error messages: watched by an informer, or listed once
     * ({@code listOnce}), with the same answers to the same questions either way.
     */
    private final class Watched<T extends HasMetadata> {
        private final String what;
        private final boolean optionalVersion;
        private final FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?> selection;
        private volatile SharedIndexInformer<T> informer;
        /** listOnce: the objects listed, null until the list answered. */
        private volatile List<T> listed;
        /** An optional API version the server answered 404 for. */
        volatile boolean notServed;
        /** The current informer (or list) reported an error since it was started, so it is in fabric8's back-off. */
        private volatile boolean failed;

        Watched(String what, boolean optionalVersion, FilterWatchListDeletable<T, ? extends KubernetesResourceList<T>, ?> selection) {
            this.what = what;
            this.optionalVersion = optionalVersion;
            this.selection = selection;
        }

        void start() {
            if (listOnce != null) {
                listOnce.execute(this::list);
                return;
            }
            SharedIndexInformer<T> i = selection.runnableInformer(0);
            failed = false;
            // before start(): without it an informer whose server goes away stops for good
            i.exceptionHandler((started, t) -> {
                if (informer != i) {
                    return false; // a replaced informer failing as it closes says nothing about the cluster now
                }
                return failed(t);
            });
            i.addEventHandler(new ResourceEventHandler<T>() {
                @Override
                public void onAdd(T obj) {
                    markDirty();
                }

                @Override
                public void onUpdate(T oldObj, T newObj) {
                    markDirty();
                }

                @Override
                public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                    markDirty();
                }
            });
            informer = i;
            i.start();
        }

        private void list() {
            failed = false;
            try {
                listed = List.copyOf(selection.list().getItems());
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            markDirty();
        }

        /** Records an informer's or a list's failure; answers whether an informer should keep trying. */
        private boolean failed(Throwable t) {
            failed = true;
            if (optionalVersion && Problems.isNotFound(t)) {
                notServed = true;
                markDirty();
                return false;
            }
            lastError = Problems.isHttpAnswer(t) ? "cannot watch " + what + " in istio-system: " + Problems.describe(t) : Problems.describe(t);
            markDirty();
            return true;
        }

        /**
         * Only an informer that failed and is waiting out its back-off is restarted: one still listing after a restart
         * is left alone, else a slow server (or a busy machine) would see every list cut off by the next revive.
         */
        boolean needsRevive() {
            return failed && !isWatching();
        }

        void restart() {
            stop();
            start();
        }

        void stop() {
            SharedIndexInformer<T> i = informer;
            if (i != null) {
                i.close();
            }
        }

        boolean hasSynced() {
            if (listOnce != null) {
                return listed != null;
            }
            SharedIndexInformer<T> i = informer;
            return i != null && i.hasSynced();
        }

        boolean isWatching() {
            if (listOnce != null) {
                return listed != null;
            }
            SharedIndexInformer<T> i = informer;
            return i != null && i.isWatching();
        }

        List<T> items() {
            if (listOnce != null) {
                List<T> l = listed;
                return l == null ? List.of() : l;
            }
            SharedIndexInformer<T> i = informer;
            return i == null ? List.of() : i.getStore().list();
        }

        /** Items of a version the server serves; none while it is known not to be served. */
        List<T> served() {
            return notServed ? List.of() : items();
        }
    }
}
