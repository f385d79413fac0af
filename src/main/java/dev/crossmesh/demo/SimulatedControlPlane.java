package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.certs.MeshCertificateAuthority;
import dev.crossmesh.certs.Pem;
import dev.crossmesh.demo.semantics.EventRecorder;
import dev.crossmesh.demo.semantics.KubeletStatus;
import dev.crossmesh.demo.traffic.MeshTraffic;
import dev.crossmesh.render.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The few controllers that make a demo cluster behave like one with Istio in it, so that what crossmesh applies has
 * the effects a user would watch for:
 * <ul>
 * <li>a Deployment gets its pods (labels from the pod template), which turn Ready after {@link SimulationOptions#podReadyDelay};
 * deleting the Deployment removes them (a tiny ReplicaSet controller, for every Deployment in the cluster);</li>
 * <li>the east-west gateway Service of type LoadBalancer gets the cluster's {@link GatewayEndpoint} address as
 * {@code status.loadBalancer.ingress[0].ip} after {@link SimulationOptions#loadBalancerDelay} (not with the
 * no-load-balancer fault), and the status endpoint answers 200 once a gateway pod is ready;</li>
 * <li>an IstioOperator that installs a control plane (any profile but {@code empty} and {@code remote}) makes
 * the operator's objects: Deployment {@code istiod[-REVISION]} (image tag = the Istio version), its Service and the
 * {@code istio[-REVISION]} mesh ConfigMap; deleting the IstioOperator removes them;</li>
 * <li>once istiod is ready (or a remote profile is installed), the {@code istio-ca-root-cert} ConfigMap holds the
 * root istiod signs with: {@code root-cert.pem} of the {@code cacerts} Secret, or a self-signed root of this cluster's
 * own when there is no cacerts (or with the broken-root-CA fault).</li>
 * </ul>
 * Controllers are level-triggered: every watch event schedules one pass that compares the informer caches with what
 * should be and writes only the difference, so a missed write (a 409, an API server that went away) is made good by
 * the next pass. Every informer survives a stop/start of the API server.
 */
public final class SimulatedControlPlane implements AutoCloseable {
    /** Annotation on every object the simulation made itself, naming the controller that made it. */
    public static final String SIMULATED_BY = "crossmesh.dev/simulated-by";
    /** Annotation on a simulated pod: the Deployment it belongs to (the demo has no ReplicaSets). */
    public static final String POD_OWNER = "crossmesh.dev/deployment";
    public static final String ROOT_CERT_CONFIGMAP = "istio-ca-root-cert";
    public static final String CACERTS = "cacerts";

    static final ResourceDefinitionContext ISTIO_OPERATOR = new ResourceDefinitionContext.Builder()
            .withGroup("install.istio.io").withVersion("v1alpha1").withKind("IstioOperator").withPlural("istiooperators")
            .withNamespaced(true).build();

    private static final String NS = Labels.ISTIO_NAMESPACE;
    private static final String OPERATOR = "istio-operator";
    private static final String REPLICA_SET = "replicaset-controller";
    private static final String ISTIOD = "istiod";
    private static final String TEMPLATE_HASH = "pod-template-hash";
    private static final String HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Duration RETRY = Duration.ofMillis(500);
    private static final EventRecorder.Source DEPLOYMENT_CONTROLLER = EventRecorder.Source.of("deployment-controller");
    private static final EventRecorder.Source SERVICE_CONTROLLER = EventRecorder.Source.of("service-controller");

    private final DemoApiServer server;
    private final int index;
    private final SimulationOptions options;
    private final boolean loadBalancer;
    private final boolean honourCacerts;
    private final GatewayStatusServer gateway;
    private final Consumer<DemoEvent> events;
    private final MeshTraffic traffic;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService executor;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile boolean closed;
    private EventRecorder recorder;
    /** The pod-template hash and replicas each Deployment was last scaled to, for its ScalingReplicaSet events. */
    private final Map<String, Map.Entry<String, Integer>> scaledTo = new HashMap<>();

    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<GenericKubernetesResource> operators;
    private SharedIndexInformer<Secret> secrets;
    private SharedIndexInformer<ConfigMap> configMaps;
    private SharedIndexInformer<MutatingWebhookConfiguration> webhooks;

    // what the controllers remember between passes; touched only on the executor thread
    private final Map<String, Instant> podReadyAt = new HashMap<>();
    private final Map<String, Instant> serviceSeenAt = new HashMap<>();
    private final Set<String> servicesAssigned = new HashSet<>();
    private final Set<String> servicesWithheld = new HashSet<>();
    private final Map<String, Integer> announcedReady = new HashMap<>();
    private String publishedRoot;
    private String selfSignedRoot;

    /**
     * @param index         1 for demo-cluster-1
     * @param loadBalancer  false for the no-load-balancer fault: the gateway Service stays pending
     * @param honourCacerts false for the broken-root-CA fault: istiod uses a root of its own, whatever cacerts says
     * @param gateway       the status server of this cluster's east-west gateway
     * @param traffic       the mesh's data plane: sidecar injection into the pods made here
     */
    SimulatedControlPlane(DemoApiServer server, int index, SimulationOptions options, boolean loadBalancer, boolean honourCacerts,
            GatewayStatusServer gateway, Consumer<DemoEvent> events, MeshTraffic traffic) {
        this.server = server;
        this.index = index;
        this.options = options;
        this.loadBalancer = loadBalancer;
        this.honourCacerts = honourCacerts;
        this.gateway = gateway;
        this.events = events == null ? e -> { } : events;
        this.traffic = traffic;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, server.name() + "-control-plane");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the informers and returns once their caches are filled. */
    SimulatedControlPlane start() {
        KubernetesClient client = server.adminClient();
        recorder = new EventRecorder(client, clock);
        deployments = inform(client.apps().deployments().inAnyNamespace().runnableInformer(0));
        pods = inform(client.pods().inAnyNamespace().runnableInformer(0));
        services = inform(client.services().inNamespace(NS).runnableInformer(0));
        operators = inform(client.genericKubernetesResources(ISTIO_OPERATOR).inNamespace(NS).runnableInformer(0));
        secrets = inform(client.secrets().inNamespace(NS).runnableInformer(0));
        configMaps = inform(client.configMaps().inNamespace(NS).runnableInformer(0));
        webhooks = inform(client.admissionRegistration().v1().mutatingWebhookConfigurations().runnableInformer(0));
        try {
            CompletableFuture.allOf(informers.stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new))
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException(server.name() + ": the simulated control plane could not watch its API server: " + e.getMessage(), e);
        }
        requestPass();
        return this;
    }

    public String cluster() {
        return server.name();
    }

    public GatewayEndpoint gatewayEndpoint() {
        return gateway.endpoint();
    }

    /** Whether the gateway's status endpoint answers 200 now. */
    public boolean gatewayReady() {
        return gateway.ready();
    }

    private <T extends HasMetadata> SharedIndexInformer<T> inform(SharedIndexInformer<T> informer) {
        // keep watching across a stop/start of the API server (an offline fault) instead of giving up
        informer.exceptionHandler((started, t) -> true);
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                requestPass();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                requestPass();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                requestPass();
            }
        });
        informers.add(informer);
        return informer;
    }

    private void requestPass() {
        if (!closed && passQueued.compareAndSet(false, true)) {
            submit(0);
        }
    }

    private void submit(long delayMillis) {
        if (closed) {
            return;
        }
        try {
            executor.schedule(this::pass, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void pass() {
        passQueued.set(false);
        if (closed) {
            return;
        }
        if (!informers.stream().allMatch(SharedIndexInformer::hasSynced)) {
            submit(RETRY.toMillis());
            return;
        }
        Instant now = clock.instant();
        List<Instant> wakeUps = new ArrayList<>();
        boolean failed = false;
        for (Runnable step : List.<Runnable>of(this::operate, () -> replicate(now, wakeUps), () -> balanceLoad(now, wakeUps), this::publishRoot)) {
            try {
                step.run();
            } catch (KubernetesClientException e) {
                // the API server is away or an object changed under us: the next pass tries again
                failed = true;
            }
        }
        if (failed) {
            wakeUps.add(now.plus(RETRY));
        }
        wakeUps.stream().min(Instant::compareTo).ifPresent(at -> submit(Duration.between(clock.instant(), at).toMillis() + 1));
    }

    // --- the Istio operator ------------------------------------------------------------------------

    private record Istiod(String name, String revision, String version, String owner, String clusterId, String meshId,
            String trustDomain) {
    }

    private void operate() {
        Map<String, Istiod> wanted = new LinkedHashMap<>();
        for (GenericKubernetesResource iop : operators.getStore().list()) {
            if (iop.getMetadata().getDeletionTimestamp() != null || !installsIstiod(iop)) {
                continue;
            }
            String revision = text(spec(iop).get("revision"));
            String name = revision.isEmpty() ? ISTIOD : ISTIOD + "-" + revision;
            Map<String, Object> global = map(map(spec(iop).get("values")).get("global"));
            String version = firstNonBlank(text(spec(iop).get("tag")), text(global.get("tag")), options.istioVersion());
            String trustDomain = firstNonBlank(text(map(spec(iop).get("meshConfig")).get("trustDomain")), "cluster.local");
            wanted.putIfAbsent(name, new Istiod(name, revision, version, iop.getMetadata().getName(),
                    firstNonBlank(text(map(global.get("multiCluster")).get("clusterName")), "Kubernetes"),
                    firstNonBlank(text(global.get("meshID")), trustDomain), trustDomain));
        }
        KubernetesClient client = server.adminClient();
        for (Istiod istiod : wanted.values()) {
            Deployment desired = istiodDeployment(istiod);
            Deployment existing = find(deployments, NS, istiod.name());
            if (existing == null || (simulatedBy(existing, OPERATOR) && !Objects.equals(existing.getSpec().getTemplate(), desired.getSpec().getTemplate()))) {
                createOrReplace(client, desired, existing);
            }
            ConfigMap mesh = meshConfig(istiod);
            ConfigMap existingMesh = find(configMaps, NS, mesh.getMetadata().getName());
            if (existingMesh == null || (simulatedBy(existingMesh, OPERATOR) && !Objects.equals(existingMesh.getData(), mesh.getData()))) {
                createOrReplace(client, mesh, existingMesh);
            }
            Service service = istiodService(istiod);
            if (find(services, NS, istiod.name()) == null) {
                createOrReplace(client, service, null);
            }
        }
        // what the operator made for an IstioOperator that is gone
        for (Deployment d : deployments.getStore().list()) {
            if (simulatedBy(d, OPERATOR) && NS.equals(d.getMetadata().getNamespace()) && !wanted.containsKey(d.getMetadata().getName())) {
                if (delete(client, d)) {
                    emit(DemoEvent.Kind.ISTIOD_REMOVED, d.getMetadata().getName() + " removed (its IstioOperator is gone)");
                }
            }
        }
        for (Service s : services.getStore().list()) {
            if (simulatedBy(s, OPERATOR) && !wanted.containsKey(s.getMetadata().getName())) {
                delete(client, s);
            }
        }
        for (ConfigMap c : configMaps.getStore().list()) {
            if (simulatedBy(c, OPERATOR) && wanted.values().stream().noneMatch(i -> meshConfigName(i).equals(c.getMetadata().getName()))) {
                delete(client, c);
            }
        }
        installInjectors(client, wanted.values());
    }

    /** The sidecar injector webhook of every control plane installed here: istiod's, or a remote profile's (served by its primary). */
    private void installInjectors(KubernetesClient client, java.util.Collection<Istiod> istiods) {
        Map<String, MutatingWebhookConfiguration> wantedHooks = new LinkedHashMap<>();
        for (Istiod istiod : istiods) {
            MutatingWebhookConfiguration hook = MeshTraffic.injectionWebhook(istiod.revision(), istiod.owner(),
                    "docker.io/istio/proxyv2:" + istiod.version(), Map.of(SIMULATED_BY, OPERATOR));
            wantedHooks.putIfAbsent(hook.getMetadata().getName(), hook);
        }
        for (GenericKubernetesResource iop : operators.getStore().list()) {
            if (iop.getMetadata().getDeletionTimestamp() == null && installsRemote(iop)) {
                Map<String, Object> global = map(map(spec(iop).get("values")).get("global"));
                String version = firstNonBlank(text(spec(iop).get("tag")), text(global.get("tag")), options.istioVersion());
                MutatingWebhookConfiguration hook = MeshTraffic.injectionWebhook(text(spec(iop).get("revision")), iop.getMetadata().getName(),
                        "docker.io/istio/proxyv2:" + version, Map.of(SIMULATED_BY, OPERATOR));
                wantedHooks.putIfAbsent(hook.getMetadata().getName(), hook);
            }
        }
        for (MutatingWebhookConfiguration hook : wantedHooks.values()) {
            MutatingWebhookConfiguration existing = webhooks.getStore().getByKey(hook.getMetadata().getName());
            if (existing == null || (simulatedBy(existing, OPERATOR) && !Objects.equals(existing.getWebhooks(), hook.getWebhooks()))) {
                createOrReplace(client, hook, existing);
            }
        }
        for (MutatingWebhookConfiguration hook : webhooks.getStore().list()) {
            if (simulatedBy(hook, OPERATOR) && !wantedHooks.containsKey(hook.getMetadata().getName())) {
                delete(client, hook);
            }
        }
    }

    private static boolean installsIstiod(GenericKubernetesResource iop) {
        String profile = firstNonBlank(text(spec(iop).get("profile")), "default");
        return !profile.equals("empty") && !profile.equals("remote") && !profile.equals("external");
    }

    private static boolean installsRemote(GenericKubernetesResource iop) {
        String profile = text(spec(iop).get("profile"));
        return profile.equals("remote") || profile.equals("external");
    }

    private Deployment istiodDeployment(Istiod istiod) {
        String rev = istiod.revision().isEmpty() ? "default" : istiod.revision();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", ISTIOD);
        labels.put("istio", "pilot");
        labels.put(Labels.REVISION, rev);
        labels.put("operator.istio.io/component", "Pilot");
        labels.put("operator.istio.io/version", istiod.version());
        labels.put(Labels.OPERATOR_OWNING_RESOURCE, istiod.owner());
        labels.put("install.operator.istio.io/owning-resource-namespace", NS);
        Map<String, String> podLabels = new LinkedHashMap<>();
        podLabels.put("app", ISTIOD);
        podLabels.put("istio", "pilot");
        podLabels.put(Labels.REVISION, rev);
        podLabels.put("sidecar.istio.io/inject", "false");
        Container discovery = new ContainerBuilder().withName("discovery").withImage("docker.io/istio/pilot:" + istiod.version())
                .addNewPort().withName("http-debug").withContainerPort(8080).withProtocol("TCP").endPort()
                .addNewPort().withName("grpc-xds").withContainerPort(15010).withProtocol("TCP").endPort()
                .addNewPort().withName("tls-xds").withContainerPort(15012).withProtocol("TCP").endPort()
                .addNewPort().withName("https-webhooks").withContainerPort(15017).withProtocol("TCP").endPort()
                .addNewEnv().withName("REVISION").withValue(rev).endEnv()
                .addNewEnv().withName("CLUSTER_ID").withValue(istiod.clusterId()).endEnv()
                .addNewEnv().withName("PILOT_CERT_PROVIDER").withValue("istiod").endEnv()
                .build();
        return new DeploymentBuilder().withNewMetadata().withName(istiod.name()).withNamespace(NS).withLabels(labels)
                .addToAnnotations(SIMULATED_BY, OPERATOR).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().addToMatchLabels("app", ISTIOD).addToMatchLabels(Labels.REVISION, rev).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(podLabels).addToAnnotations("sidecar.istio.io/inject", "false")
                // istio-discovery/templates/deployment.yaml: where the monitoring and debug server listens (istioctl reads it)
                .addToAnnotations("prometheus.io/port", "15014").addToAnnotations("prometheus.io/scrape", "true").endMetadata()
                .withNewSpec().withServiceAccountName(istiod.name()).withContainers(discovery).endSpec()
                .endTemplate().endSpec().build();
    }

    private static Service istiodService(Istiod istiod) {
        String rev = istiod.revision().isEmpty() ? "default" : istiod.revision();
        return new ServiceBuilder().withNewMetadata().withName(istiod.name()).withNamespace(NS)
                .addToLabels("app", ISTIOD).addToLabels("istio", "pilot").addToLabels(Labels.REVISION, rev)
                .addToLabels(Labels.OPERATOR_OWNING_RESOURCE, istiod.owner())
                .addToAnnotations(SIMULATED_BY, OPERATOR).endMetadata()
                .withNewSpec().withType("ClusterIP").addToSelector("app", ISTIOD).addToSelector(Labels.REVISION, rev)
                .addNewPort().withName("grpc-xds").withPort(15010).withProtocol("TCP").endPort()
                .addNewPort().withName("https-dns").withPort(15012).withProtocol("TCP").endPort()
                .addNewPort().withName("https-webhook").withPort(443).withNewTargetPort(15017).withProtocol("TCP").endPort()
                .addNewPort().withName("http-monitoring").withPort(15014).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    private static String meshConfigName(Istiod istiod) {
        return istiod.revision().isEmpty() ? "istio" : "istio-" + istiod.revision();
    }

    /** The {@code istio} ConfigMap istiod reads its mesh config from: where meshID and trust domain live in a real install. */
    private static ConfigMap meshConfig(Istiod istiod) {
        String mesh = "defaultConfig:\n  discoveryAddress: " + istiod.name() + "." + NS + ".svc:15012\n  meshId: " + istiod.meshId()
                + "\ntrustDomain: " + istiod.trustDomain() + "\n";
        return new ConfigMapBuilder().withNewMetadata().withName(meshConfigName(istiod)).withNamespace(NS)
                .addToLabels(Labels.OPERATOR_OWNING_RESOURCE, istiod.owner())
                .addToLabels(Labels.REVISION, istiod.revision().isEmpty() ? "default" : istiod.revision())
                .addToAnnotations(SIMULATED_BY, OPERATOR).endMetadata()
                .addToData("mesh", mesh).addToData("meshNetworks", "networks: {}\n").build();
    }

    // --- Deployments to pods -----------------------------------------------------------------------

    private void replicate(Instant now, List<Instant> wakeUps) {
        KubernetesClient client = server.adminClient();
        Map<String, List<Pod>> podsByOwner = new HashMap<>();
        for (Pod pod : pods.getStore().list()) {
            String owner = annotation(pod, POD_OWNER);
            if (owner != null) {
                podsByOwner.computeIfAbsent(pod.getMetadata().getNamespace() + "/" + owner, k -> new ArrayList<>()).add(pod);
            }
        }
        boolean gatewayReady = false;
        Set<String> live = new HashSet<>();
        Set<String> wantedPods = new HashSet<>();
        for (Deployment d : deployments.getStore().list()) {
            if (d.getMetadata().getDeletionTimestamp() != null || d.getSpec() == null || d.getSpec().getTemplate() == null) {
                continue;
            }
            String ns = d.getMetadata().getNamespace();
            String key = ns + "/" + d.getMetadata().getName();
            live.add(key);
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            String hash = templateHash(d);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                names.add(podName(d, hash, i));
            }
            Map<String, Pod> current = new HashMap<>();
            for (Pod pod : podsByOwner.getOrDefault(key, List.of())) {
                if (names.contains(pod.getMetadata().getName()) && pod.getMetadata().getDeletionTimestamp() == null) {
                    current.put(pod.getMetadata().getName(), pod);
                } else {
                    if (delete(client, pod) && pod.getMetadata().getDeletionTimestamp() == null) {
                        for (Container c : pod.getSpec().getContainers()) {
                            recorder.normal(pod, "spec.containers{" + c.getName() + "}", "Killing", "Stopping container " + c.getName(), kubelet(pod));
                        }
                    }
                    recorder.forget(pod.getMetadata().getUid()); // an old template or a scale-down
                }
            }
            recordScaling(d, key, hash, replicas);
            int ready = 0;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String podKey = ns + "/" + name;
                wantedPods.add(podKey);
                Pod pod = current.get(name);
                if (pod == null) {
                    pod = traffic.admit(server.name(), newPod(d, name, hash, i));
                    Pod created = create(client, pod);
                    if (created != null) {
                        recorder.action(created, "Binding", "Scheduled", "Successfully assigned " + ns + "/" + name + " to "
                                + created.getSpec().getNodeName(), "default-scheduler", "default-scheduler-" + server.name());
                    }
                }
                if (isReady(pod)) {
                    ready++;
                    continue;
                }
                Instant readyAt = podReadyAt.computeIfAbsent(podKey, k -> now.plus(options.podReadyDelay()));
                if (!now.isBefore(readyAt) && current.containsKey(name)) {
                    try {
                        Pod running = client.pods().inNamespace(ns).resource(readied(pod)).updateStatus();
                        recordStarted(running);
                        ready++;
                    } catch (KubernetesClientException e) {
                        wakeUps.add(now.plus(RETRY));
                    }
                } else {
                    // a pod just created is made ready from the informer's copy, which the next pass has
                    wakeUps.add(readyAt.isAfter(now) ? readyAt : now.plus(Duration.ofMillis(20)));
                }
            }
            updateDeploymentStatus(client, d, replicas, ready);
            announceReadiness(d, key, replicas, ready);
            if (NS.equals(ns) && Labels.EASTWEST_SELECTOR_VALUE.equals(templateLabels(d).get(Labels.ISTIO_SELECTOR)) && ready > 0) {
                gatewayReady = true;
            }
        }
        gateway.ready(gatewayReady);
        // pods of Deployments that are gone go with them
        for (Map.Entry<String, List<Pod>> e : podsByOwner.entrySet()) {
            if (!live.contains(e.getKey())) {
                e.getValue().forEach(p -> {
                    delete(client, p);
                    recorder.forget(p.getMetadata().getUid());
                });
                scaledTo.remove(e.getKey());
                if (announcedReady.remove(e.getKey()) != null) {
                    emit(DemoEvent.Kind.PODS_REMOVED, "pods of Deployment " + e.getKey() + " removed");
                }
            }
        }
        podReadyAt.keySet().retainAll(wantedPods);
    }

    /** What the kubelet reports as it starts a pod's containers: the image is there, the container made, started. */
    private void recordStarted(Pod pod) {
        for (Container c : pod.getSpec().getContainers()) {
            String field = "spec.containers{" + c.getName() + "}";
            recorder.normal(pod, field, "Pulled", "Container image \"" + c.getImage() + "\" already present on machine", kubelet(pod));
            recorder.normal(pod, field, "Created", "Created container " + c.getName(), kubelet(pod));
            recorder.normal(pod, field, "Started", "Started container " + c.getName(), kubelet(pod));
        }
    }

    private static EventRecorder.Source kubelet(Pod pod) {
        return new EventRecorder.Source("kubelet", pod.getSpec().getNodeName());
    }

    /** The deployment controller's events: a new template scales its replica set up (and the old one down), a new count scales it. */
    private void recordScaling(Deployment d, String key, String hash, int replicas) {
        Map.Entry<String, Integer> before = scaledTo.put(key, Map.entry(hash, replicas));
        if (before != null && before.getKey().equals(hash) && before.getValue() == replicas) {
            return;
        }
        String name = d.getMetadata().getName();
        int from = before != null && before.getKey().equals(hash) ? before.getValue() : 0;
        if (replicas != from) {
            recorder.normal(d, null, "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down") + " replica set " + name + "-" + hash
                    + " to " + replicas + " from " + from, DEPLOYMENT_CONTROLLER);
        }
        if (before != null && !before.getKey().equals(hash) && before.getValue() > 0) {
            recorder.normal(d, null, "ScalingReplicaSet", "Scaled down replica set " + name + "-" + before.getKey() + " to 0 from "
                    + before.getValue(), DEPLOYMENT_CONTROLLER);
        }
    }

    private void announceReadiness(Deployment d, String key, int replicas, int ready) {
        Integer before = announcedReady.get(key);
        if (ready == replicas && replicas > 0 && (before == null || before != ready)) {
            announcedReady.put(key, ready);
            if (simulatedBy(d, OPERATOR)) {
                emit(DemoEvent.Kind.ISTIOD_READY, "istiod " + operatorVersion(d) + " ready (" + d.getMetadata().getName() + ")");
            } else {
                emit(DemoEvent.Kind.PODS_READY, "Deployment " + key + ": " + ready + "/" + replicas + " pods ready");
            }
        } else if (ready < replicas && before != null) {
            announcedReady.remove(key);
        }
    }

    private static String operatorVersion(Deployment d) {
        return Objects.toString(d.getMetadata().getLabels().get("operator.istio.io/version"), "");
    }

    private Pod newPod(Deployment d, String name, String hash, int ordinal) {
        var template = d.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels());
        labels.put(TEMPLATE_HASH, hash);
        Map<String, String> annotations = new LinkedHashMap<>(template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations());
        annotations.put(POD_OWNER, d.getMetadata().getName());
        annotations.put(SIMULATED_BY, REPLICA_SET);
        List<Container> containers = new ArrayList<>();
        for (Container c : template.getSpec().getContainers()) {
            Container copy = new ContainerBuilder(c).build();
            if ("auto".equals(copy.getImage())) {
                // what Istio's injection webhook puts in place of "image: auto"
                copy.setImage("docker.io/istio/proxyv2:" + proxyVersion());
            }
            containers.add(copy);
        }
        String node = server.name() + "-node-" + (ordinal % 2 + 1);
        String hostIP = "10.0." + index + "." + (ordinal % 2 + 10);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(d.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpecLike(template.getSpec()).withContainers(containers).withNodeName(node).endSpec()
                .withNewStatus().withPhase("Pending").withHostIP(hostIP).addNewHostIP(hostIP)
                .withConditions(condition("PodScheduled", "True"), condition("Ready", "False"))
                .endStatus().build();
        pod.getStatus().setQosClass(KubeletStatus.qosClass(pod)); // the API server sets it when the pod is created
        return pod;
    }

    private String proxyVersion() {
        return deployments.getStore().list().stream().filter(d -> simulatedBy(d, OPERATOR)).map(SimulatedControlPlane::operatorVersion)
                .findFirst().orElse(options.istioVersion());
    }

    private Pod readied(Pod pod) {
        Instant now = clock.instant();
        String podIP = "10." + (100 + index) + ".0." + (1 + Math.floorMod(pod.getMetadata().getName().hashCode(), 250));
        String hostIP = pod.getStatus() != null && pod.getStatus().getHostIP() != null ? pod.getStatus().getHostIP() : "10.0." + index + ".10";
        return new PodBuilder(pod).withStatus(KubeletStatus.running(pod, KubeletStatus.scheduledAt(pod, now), now, hostIP, podIP)).build();
    }

    private PodCondition condition(String type, String status) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(KubeletStatus.time(clock.instant())).build();
    }

    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void updateDeploymentStatus(KubernetesClient client, Deployment d, int replicas, int ready) {
        DeploymentStatus now = d.getStatus();
        Long generation = d.getMetadata().getGeneration();
        boolean available = ready >= replicas;
        if (now != null && Objects.equals(now.getReplicas(), replicas) && Objects.equals(now.getReadyReplicas(), ready)
                && Objects.equals(now.getObservedGeneration(), generation) && Objects.equals(availableCondition(now), available ? "True" : "False")) {
            return;
        }
        String time = clock.instant().toString();
        DeploymentCondition availableCondition = new DeploymentConditionBuilder().withType("Available").withStatus(available ? "True" : "False")
                .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                .withMessage(available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.")
                .withLastTransitionTime(time).withLastUpdateTime(time).build();
        DeploymentCondition progressing = new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                .withReason(available ? "NewReplicaSetAvailable" : "ReplicaSetUpdated").withLastTransitionTime(time).withLastUpdateTime(time).build();
        DeploymentStatus status = new DeploymentStatusBuilder().withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withUnavailableReplicas(replicas - ready > 0 ? replicas - ready : null)
                .withObservedGeneration(generation).withConditions(availableCondition, progressing).build();
        try {
            client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(new DeploymentBuilder(d).withStatus(status).build())
                    .updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static String availableCondition(DeploymentStatus status) {
        return status.getConditions() == null ? null : status.getConditions().stream().filter(c -> "Available".equals(c.getType()))
                .map(DeploymentCondition::getStatus).findFirst().orElse(null);
    }

    private static Map<String, String> templateLabels(Deployment d) {
        var meta = d.getSpec().getTemplate().getMetadata();
        return meta == null || meta.getLabels() == null ? Map.of() : meta.getLabels();
    }

    /** Like a ReplicaSet's pod-template-hash: changes when the pod template does, so a changed template rolls the pods. */
    private static String templateHash(Deployment d) {
        return encode(sha256(Serialization.asJson(d.getSpec().getTemplate())), 10);
    }

    /** {@code NAME-HASH-XXXXX}, as a ReplicaSet names its pods, but repeatable so that a second pass never makes a second pod. */
    private static String podName(Deployment d, String hash, int ordinal) {
        return d.getMetadata().getName() + "-" + hash + "-" + encode(sha256(d.getMetadata().getName() + "/" + hash + "/" + ordinal), 5);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(HASH_ALPHABET.charAt(Math.floorMod(bytes[i], HASH_ALPHABET.length())));
        }
        return sb.toString();
    }

    // --- the cloud's load balancer -----------------------------------------------------------------

    private void balanceLoad(Instant now, List<Instant> wakeUps) {
        KubernetesClient client = server.adminClient();
        Set<String> present = new HashSet<>();
        for (Service service : services.getStore().list()) {
            if (!isEastWestGateway(service) || service.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String uid = service.getMetadata().getUid();
            present.add(uid);
            boolean wantsAddress = "LoadBalancer".equals(service.getSpec().getType());
            List<LoadBalancerIngress> ingress = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                    || service.getStatus().getLoadBalancer().getIngress() == null ? List.of() : service.getStatus().getLoadBalancer().getIngress();
            if (!wantsAddress || !loadBalancer) {
                if (!ingress.isEmpty()) {
                    client.services().inNamespace(NS).resource(new ServiceBuilder(service).withStatus(new ServiceStatusBuilder()
                            .withNewLoadBalancer().endLoadBalancer().build()).build()).updateStatus();
                }
                if (wantsAddress && servicesWithheld.add(uid)) {
                    emit(DemoEvent.Kind.LOAD_BALANCER_WITHHELD, "Service " + NS + "/" + service.getMetadata().getName()
                            + " stays pending: no load balancer in this cluster (--no-load-balancer)");
                }
                continue;
            }
            GatewayEndpoint endpoint = gateway.endpoint();
            boolean addressed = ingress.size() == 1 && endpoint.address().equals(ingress.get(0).getIp());
            boolean annotated = endpoint.standardPort()
                    || String.valueOf(endpoint.statusPort()).equals(annotation(service, GatewayEndpoint.STATUS_PORT_ANNOTATION));
            if (addressed && annotated) {
                continue;
            }
            if (!servicesAssigned.contains(uid) && !serviceSeenAt.containsKey(uid)) {
                recorder.normal(service, null, "EnsuringLoadBalancer", "Ensuring load balancer", SERVICE_CONTROLLER);
            }
            Instant due = servicesAssigned.contains(uid) ? now : serviceSeenAt.computeIfAbsent(uid, k -> now).plus(options.loadBalancerDelay());
            if (now.isBefore(due)) {
                wakeUps.add(due);
                continue;
            }
            Service latest = service;
            if (!annotated) {
                latest = client.services().inNamespace(NS).resource(new ServiceBuilder(service).editMetadata()
                        .addToAnnotations(GatewayEndpoint.STATUS_PORT_ANNOTATION, String.valueOf(endpoint.statusPort())).endMetadata().build()).update();
            }
            if (!addressed) {
                client.services().inNamespace(NS).resource(new ServiceBuilder(latest).withStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                        .addNewIngress().withIp(endpoint.address()).withIpMode("VIP").endIngress().endLoadBalancer().build()).build()).updateStatus();
            }
            if (servicesAssigned.add(uid)) {
                recorder.normal(service, null, "EnsuredLoadBalancer", "Ensured load balancer", SERVICE_CONTROLLER);
                emit(DemoEvent.Kind.LOAD_BALANCER_ASSIGNED, "Service " + NS + "/" + service.getMetadata().getName() + " got load-balancer address "
                        + endpoint.address() + (endpoint.standardPort() ? "" : " (status port " + endpoint.statusPort() + ")"));
            }
        }
        serviceSeenAt.keySet().retainAll(present);
        servicesAssigned.retainAll(present);
        servicesWithheld.retainAll(present);
    }

    private static boolean isEastWestGateway(Service service) {
        Map<String, String> labels = service.getMetadata().getLabels();
        return Labels.EASTWEST_NAME.equals(service.getMetadata().getName())
                || (labels != null && Labels.EASTWEST_SELECTOR_VALUE.equals(labels.get(Labels.ISTIO_SELECTOR)));
    }

    // --- istiod's root certificate -----------------------------------------------------------------

    private void publishRoot() {
        KubernetesClient client = server.adminClient();
        boolean istiodReady = deployments.getStore().list().stream()
                .filter(d -> NS.equals(d.getMetadata().getNamespace()) && ISTIOD.equals(templateLabels(d).get("app")))
                .anyMatch(d -> d.getStatus() != null && d.getStatus().getReadyReplicas() != null && d.getStatus().getReadyReplicas() > 0);
        // a remote cluster has no istiod of its own: its primary's istiod writes the root there
        boolean remote = operators.getStore().list().stream().anyMatch(SimulatedControlPlane::installsRemote);
        ConfigMap existing = find(configMaps, NS, ROOT_CERT_CONFIGMAP);
        if (!istiodReady && !remote) {
            if (existing != null && simulatedBy(existing, ISTIOD)) {
                delete(client, existing);
                publishedRoot = null;
            }
            return;
        }
        Optional<String> plugged = honourCacerts ? pluggedRoot() : Optional.empty();
        String root = plugged.orElseGet(this::selfSignedRoot);
        if (existing != null && root.equals(existing.getData() == null ? null : existing.getData().get("root-cert.pem"))) {
            publishedRoot = root;
            return;
        }
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName(ROOT_CERT_CONFIGMAP).withNamespace(NS)
                .addToLabels("istio.io/config", "true").addToAnnotations(SIMULATED_BY, ISTIOD).endMetadata()
                .addToData("root-cert.pem", root).build();
        createOrReplace(client, desired, existing);
        if (!root.equals(publishedRoot)) {
            publishedRoot = root;
            String source = plugged.isPresent() ? "the plugged-in root from Secret " + CACERTS
                    : !honourCacerts ? "a self-signed root of its own (--break-root-ca: cacerts ignored)"
                    : "a self-signed root of its own (no " + CACERTS + " Secret in " + NS + ")";
            emit(DemoEvent.Kind.ROOT_CERT_PUBLISHED, ROOT_CERT_CONFIGMAP + " holds " + source + ", sha256 " + fingerprint(root));
        }
    }

    private Optional<String> pluggedRoot() {
        Secret cacerts = find(secrets, NS, CACERTS);
        if (cacerts == null) {
            return Optional.empty();
        }
        // crossmesh writes stringData; a real API server (and kubectl create secret) leaves it in data
        if (cacerts.getData() != null && cacerts.getData().get("root-cert.pem") != null) {
            return Optional.of(new String(Base64.getDecoder().decode(cacerts.getData().get("root-cert.pem")), StandardCharsets.UTF_8));
        }
        if (cacerts.getStringData() != null && cacerts.getStringData().get("root-cert.pem") != null) {
            return Optional.of(cacerts.getStringData().get("root-cert.pem"));
        }
        return Optional.empty();
    }

    /** The root istiod makes for itself without cacerts: one per cluster, so two such clusters never trust each other. */
    private String selfSignedRoot() {
        if (selfSignedRoot == null) {
            selfSignedRoot = Pem.encode(MeshCertificateAuthority.createRoot(KeyType.EC_P256).certificate());
        }
        return selfSignedRoot;
    }

    private static String fingerprint(String pem) {
        try {
            return Pem.sha256Fingerprint(Pem.certificate(pem)).substring(0, 16) + "...";
        } catch (java.io.IOException | RuntimeException e) {
            return "(not a certificate)";
        }
    }

    // --- small things ------------------------------------------------------------------------------

    private void emit(DemoEvent.Kind kind, String message) {
        try {
            events.accept(new DemoEvent(server.name(), kind, message));
        } catch (RuntimeException e) {
            // a listener's problem must not stop the cluster
        }
    }

    private static <T extends HasMetadata> T find(SharedIndexInformer<T> informer, String namespace, String name) {
        return informer.getStore().getByKey(namespace + "/" + name);
    }

    private static boolean simulatedBy(HasMetadata object, String controller) {
        return controller.equals(annotation(object, SIMULATED_BY));
    }

    private static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** @return what was stored, or null when an earlier pass had made it */
    private static <T extends HasMetadata> T create(KubernetesClient client, T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // made by an earlier pass the cache has not shown yet
                throw e;
            }
            return null;
        }
    }

    private static void createOrReplace(KubernetesClient client, HasMetadata desired, HasMetadata existing) {
        if (existing == null) {
            create(client, desired);
            return;
        }
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        try {
            client.resource(desired).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** @return whether there was something to delete */
    private static boolean delete(KubernetesClient client, HasMetadata object) {
        return !client.resource(object).delete().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return map(resource.getAdditionalProperties().get("spec"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        // the watches end before their API server does: one left open makes the server's stop wait for it
        DemoInformers.close(informers, server);
    }
}
