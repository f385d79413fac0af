package dev.crossmesh.kube.verify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.crossmesh.kube.ClusterClients;
import dev.crossmesh.kube.KubeFailures;
import dev.crossmesh.kube.KubeFailures.Verb;
import dev.crossmesh.kube.KubeconfigException;
import dev.crossmesh.render.Labels;
import dev.crossmesh.verify.ExecOutput;
import dev.crossmesh.verify.MeshVerifier;
import dev.crossmesh.verify.VerifyException;
import dev.crossmesh.verify.VerifyTarget;
import dev.crossmesh.verify.VerifyWorkload;
import dev.crossmesh.verify.WorkloadPod;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * One cluster for {@code crossmesh verify}, through fabric8: the check's objects are created (or brought back to what
 * they should be), its pods read with their readiness and sidecar, requests run with the exec API over its WebSocket
 * ({@code v4.channel.k8s.io}, as kubectl exec), and the namespace removed. The same code serves real and demo clusters.
 */
public final class KubeVerifyTarget implements VerifyTarget {
    /** How long removing waits for the namespace to be gone before leaving its deletion to the cluster. */
    private static final Duration REMOVE_WAIT = Duration.ofSeconds(30);
    private static final String INJECTOR_WEBHOOK_SUFFIX = "sidecar-injector.istio.io";

    private final String cluster;
    private final String server;
    private final KubernetesClient client;

    KubeVerifyTarget(String cluster, String server, KubernetesClient client) {
        this.cluster = cluster;
        this.server = server;
        this.client = client;
    }

    /** Opens the plan's clusters through their kubeconfig contexts. */
    public static MeshVerifier.Targets opener(ClusterClients clients) {
        return spec -> {
            try {
                return new KubeVerifyTarget(spec.name(), clients.server(spec.context()), clients.client(spec.context()));
            } catch (KubeconfigException e) {
                throw new VerifyException("cluster " + spec.name() + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void deploy(VerifyWorkload workload) throws VerifyException {
        String ns = VerifyWorkload.NAMESPACE;
        Namespace existing = call(Verb.GET, "Namespace " + ns, "Namespace", () -> client.namespaces().withName(ns).get());
        if (existing != null && !Labels.MANAGED_BY_VALUE.equals(labels(existing).get(Labels.MANAGED_BY))) {
            throw new VerifyException("cluster " + cluster + ": namespace " + ns + " exists and crossmesh did not create it; the check will not touch "
                    + "it. Remove it (kubectl delete namespace " + ns + ") if it is a leftover, then run verify again.");
        }
        if (existing != null && existing.getMetadata().getDeletionTimestamp() != null) {
            awaitGone(ns, REMOVE_WAIT);
        }
        Namespace wanted = VerifyObjects.namespace(workload);
        call(Verb.CREATE, "Namespace " + ns, "Namespace", () -> client.resource(wanted).createOr(NonDeletingOperation::update));
        for (HasMetadata object : VerifyObjects.objects(workload, cluster)) {
            String name = object.getKind() + " " + ns + "/" + object.getMetadata().getName();
            call(Verb.CREATE, name, object.getKind(), () -> client.resource(object).createOr(NonDeletingOperation::update));
        }
    }

    @Override
    public List<WorkloadPod> pods(VerifyWorkload workload) throws VerifyException {
        List<Pod> pods = call(Verb.LIST, "pods in namespace " + VerifyWorkload.NAMESPACE, "Pod",
                () -> client.pods().inNamespace(VerifyWorkload.NAMESPACE).list().getItems());
        List<WorkloadPod> result = new ArrayList<>();
        for (Pod p : pods) {
            String app = labels(p).get("app");
            if (p.getMetadata().getDeletionTimestamp() != null || !(VerifyWorkload.SERVER.equals(app) || VerifyWorkload.CLIENT.equals(app))) {
                continue;
            }
            // a pod of an earlier spec (a check kept with --keep, run again with other images) is on its way out of the rollout
            String image = VerifyWorkload.SERVER.equals(app) ? workload.helloworldImage() : workload.curlImage();
            if (p.getSpec() == null || p.getSpec().getContainers().stream().noneMatch(c -> app.equals(c.getName()) && image.equals(c.getImage()))) {
                continue;
            }
            result.add(new WorkloadPod(p.getMetadata().getName(), app, p.getStatus() == null ? "" : p.getStatus().getPhase(), ready(p), sidecar(p),
                    waitingReason(p)));
        }
        result.sort(java.util.Comparator.comparing(WorkloadPod::name));
        return result;
    }

    @Override
    public ExecOutput exec(String namespace, String pod, String container, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err).writingErrorChannel(status).exec(command.toArray(String[]::new))) {
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int exit = code == null ? -1 : code;
            String stdout = out.toString(StandardCharsets.UTF_8);
            String stderr = err.toString(StandardCharsets.UTF_8);
            if (exit < 0) {
                return ExecOutput.notRun(refusal(status.toString(StandardCharsets.UTF_8), stderr));
            }
            return new ExecOutput(stdout, stderr, exit, "");
        } catch (TimeoutException e) {
            return ExecOutput.notRun("no answer from the exec API within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return ExecOutput.notRun(KubeFailures.detail(e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecOutput.notRun("interrupted");
        } catch (KubernetesClientException e) {
            return ExecOutput.notRun(KubeFailures.detail(e));
        }
    }

    /** The message of the Status the exec's error channel carried, else what the container printed. */
    private static String refusal(String statusJson, String stderr) {
        if (!statusJson.isBlank()) {
            try {
                Status s = Serialization.unmarshal(statusJson, Status.class);
                if (s != null && s.getMessage() != null && !s.getMessage().isBlank()) {
                    return s.getMessage();
                }
            } catch (RuntimeException e) {
                // not a Status: fall through
            }
        }
        return stderr.isBlank() ? "the exec API ended without an exit code" : stderr.strip();
    }

    @Override
    public List<String> injectorRevisions() throws VerifyException {
        List<MutatingWebhookConfiguration> hooks = call(Verb.LIST, "MutatingWebhookConfigurations", "MutatingWebhookConfiguration",
                () -> client.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems());
        TreeSet<String> revisions = new TreeSet<>();
        for (MutatingWebhookConfiguration hook : hooks) {
            boolean injector = hook.getWebhooks() != null && hook.getWebhooks().stream()
                    .anyMatch(w -> w.getName() != null && w.getName().endsWith(INJECTOR_WEBHOOK_SUFFIX));
            if (injector) {
                revisions.add(Objects.toString(labels(hook).get(Labels.REVISION), "default"));
            }
        }
        return List.copyOf(revisions);
    }

    @Override
    public void remove(VerifyWorkload workload) throws VerifyException {
        String ns = VerifyWorkload.NAMESPACE;
        Namespace existing = call(Verb.GET, "Namespace " + ns, "Namespace", () -> client.namespaces().withName(ns).get());
        if (existing == null || !Labels.MANAGED_BY_VALUE.equals(labels(existing).get(Labels.MANAGED_BY))) {
            return;
        }
        // what the namespace holds first: an API server that does not run the namespace controller (a demo's) keeps it otherwise
        List<HasMetadata> objects = new ArrayList<>(VerifyObjects.objects(workload, cluster));
        java.util.Collections.reverse(objects);
        for (HasMetadata object : objects) {
            call(Verb.DELETE, object.getKind() + " " + ns + "/" + object.getMetadata().getName(), object.getKind(), () -> client.resource(object).delete());
        }
        call(Verb.DELETE, "Namespace " + ns, "Namespace", () -> client.namespaces().withName(ns).delete());
        awaitGone(ns, REMOVE_WAIT);
    }

    private void awaitGone(String ns, Duration wait) throws VerifyException {
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            if (call(Verb.GET, "Namespace " + ns, "Namespace", () -> client.namespaces().withName(ns).get()) == null) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(Verb verb, String object, String kind, Call<T> call) throws VerifyException {
        try {
            return call.run();
        } catch (KubernetesClientException e) {
            throw new VerifyException(KubeFailures.describe(cluster, server, verb, object, kind, e, "verify"), e);
        }
    }

    private static Map<String, String> labels(HasMetadata o) {
        return o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** An istio-proxy container, or (Istio's native sidecars, Kubernetes 1.29+) an istio-proxy init container that keeps running. */
    private static boolean sidecar(Pod pod) {
        if (pod.getSpec() == null) {
            return false;
        }
        return pod.getSpec().getContainers() != null && pod.getSpec().getContainers().stream().anyMatch(c -> VerifyWorkload.PROXY_CONTAINER.equals(c.getName()))
                || pod.getSpec().getInitContainers() != null && pod.getSpec().getInitContainers().stream()
                        .anyMatch(c -> VerifyWorkload.PROXY_CONTAINER.equals(c.getName()) && "Always".equals(c.getRestartPolicy()));
    }

    private static String waitingReason(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return "";
        }
        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
            if (s.getState() != null && s.getState().getWaiting() != null && s.getState().getWaiting().getReason() != null) {
                return s.getState().getWaiting().getReason();
            }
        }
        return "";
    }
}
