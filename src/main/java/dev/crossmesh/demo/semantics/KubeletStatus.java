package dev.crossmesh.demo.semantics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * A pod's status as the scheduler and then the kubelet write it: clients such as the official Java client decode
 * every field a kubelet always fills in ({@code imageID}, {@code containerID}) and {@code kubectl describe} prints them.
 * Times are whole seconds, as the API server stores them.
 */
public final class KubeletStatus {
    private KubeletStatus() {
    }

    /**
     * Running with every container started and ready.
     *
     * @param scheduledAt when the pod was bound (its PodScheduled condition keeps that time)
     */
    public static PodStatus running(Pod pod, Instant scheduledAt, Instant now, String hostIP, String podIP) {
        List<ContainerStatus> statuses = new ArrayList<>();
        String started = time(now);
        for (Container c : pod.getSpec().getContainers()) {
            String image = fullImage(c.getImage());
            statuses.add(new ContainerStatusBuilder().withName(c.getName()).withImage(image).withImageID(imageId(image))
                    .withContainerID("containerd://" + hex(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/" + c.getName(), 32))
                    .withReady(true).withStarted(true).withRestartCount(0)
                    .withNewState().withNewRunning().withStartedAt(started).endRunning().endState().build());
        }
        return new PodStatusBuilder().withPhase("Running")
                .withConditions(condition("PodReadyToStartContainers", "True", now), condition("Initialized", "True", scheduledAt),
                        condition("Ready", "True", now), condition("ContainersReady", "True", now),
                        condition("PodScheduled", "True", scheduledAt))
                .withHostIP(hostIP).addNewHostIP(hostIP).withPodIP(podIP).addNewPodIP(podIP)
                .withStartTime(time(scheduledAt)).withContainerStatuses(statuses).withQosClass(qosClass(pod)).build();
    }

    /** When the scheduler bound the pod, from its PodScheduled condition; {@code fallback} where it has none. */
    public static Instant scheduledAt(Pod pod, Instant fallback) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return fallback;
        }
        return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime())).findFirst().orElse(fallback);
    }

    /** {@code nginx:1.25} as the runtime reports it: {@code docker.io/library/nginx:1.25}. */
    public static String fullImage(String image) {
        if (image == null || image.isEmpty()) {
            return image;
        }
        String name = image;
        String first = name.split("/")[0];
        boolean hasRegistry = name.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            name = "docker.io/" + (name.contains("/") ? "" : "library/") + name;
        }
        String last = name.substring(name.lastIndexOf('/') + 1);
        return last.contains(":") || last.contains("@") ? name : name + ":latest";
    }

    /** {@code docker.io/library/nginx@sha256:...}: a digest that is the same for the same image everywhere. */
    static String imageId(String fullImage) {
        if (fullImage == null) {
            return "";
        }
        if (fullImage.contains("@")) {
            return fullImage;
        }
        String repository = fullImage.substring(0, fullImage.lastIndexOf(':'));
        return repository + "@sha256:" + hex(fullImage, 32);
    }

    /** The QoS class from the containers' requests and limits, as the API server computes it. */
    public static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : pod.getSpec().getContainers()) {
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            any |= !requests.isEmpty() || !limits.isEmpty();
            for (String resource : List.of("cpu", "memory")) {
                Quantity limit = limits.get(resource);
                Quantity request = requests.getOrDefault(resource, limit);
                if (limit == null || request == null || request.getNumericalAmount().compareTo(limit.getNumericalAmount()) != 0) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    private static PodCondition condition(String type, String status, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(time(at)).build();
    }

    /** RFC 3339 in whole seconds, as Kubernetes writes metav1.Time. */
    public static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String hex(String seed, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, Math.min(bytes, digest.length));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
