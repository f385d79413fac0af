package dev.crossmesh.demo.semantics;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Records core v1 Events as the Kubernetes components do: named {@code OBJECT.HEX}, an identical event counted
 * (count and lastTimestamp) rather than repeated, with the reporting component and host. Controllers and the kubelet
 * use the old recorder (source, first/last timestamps, count); the scheduler uses the events API (eventTime, action,
 * reportingController, no source), which the core view shows as it is.
 */
public final class EventRecorder {
    /** Who reports: {@code kubelet} on a node, {@code deployment-controller}, ... */
    public record Source(String component, String host) {
        public static Source of(String component) {
            return new Source(component, null);
        }
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Event> recorded = new ConcurrentHashMap<>();

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** An event from the old recorder: counted when the same one happens again. */
    public void normal(HasMetadata object, String fieldPath, String reason, String message, Source source) {
        ObjectReference ref = reference(object, fieldPath);
        String key = ref.getUid() + "|" + fieldPath + "|" + reason + "|" + message + "|" + source;
        String now = KubeletStatus.time(clock.instant());
        Event previous = recorded.get(key);
        try {
            if (previous != null) {
                Event counted = new EventBuilder(previous).withCount(previous.getCount() + 1).withLastTimestamp(now).build();
                counted.getMetadata().setResourceVersion(null);
                recorded.put(key, client.v1().events().inNamespace(namespace(object)).resource(counted).update());
                return;
            }
            Event event = new EventBuilder().withNewMetadata().withName(name(object)).withNamespace(namespace(object)).endMetadata()
                    .withInvolvedObject(ref).withReason(reason).withMessage(message).withType("Normal")
                    .withNewSource().withComponent(source.component()).withHost(source.host()).endSource()
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withReportingComponent(source.component()).withReportingInstance(source.host() == null ? "" : source.host()).build();
            recorded.put(key, client.v1().events().inNamespace(namespace(object)).resource(event).create());
        } catch (KubernetesClientException e) {
            // an event is best effort, as in Kubernetes: a namespace being deleted refuses it
            recorded.remove(key);
        }
    }

    /** An event through the events API, as the scheduler writes it (eventTime and action; no source, no count). */
    public void action(HasMetadata object, String action, String reason, String message, String controller, String instance) {
        Event event = new EventBuilder().withNewMetadata().withName(name(object)).withNamespace(namespace(object)).endMetadata()
                .withInvolvedObject(reference(object, null)).withReason(reason).withMessage(message).withType("Normal")
                .withAction(action).withEventTime(new MicroTime(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString()))
                .withReportingComponent(controller).withReportingInstance(instance).withNewSource().endSource().build();
        try {
            client.v1().events().inNamespace(namespace(object)).resource(event).create();
        } catch (KubernetesClientException e) {
            // best effort, as above
        }
    }

    /** Forgets the counts of an object that is gone. */
    public void forget(String uid) {
        recorded.keySet().removeIf(k -> k.startsWith(uid + "|"));
    }

    private static ObjectReference reference(HasMetadata object, String fieldPath) {
        return new ObjectReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                .withFieldPath(fieldPath).build();
    }

    private static String namespace(HasMetadata object) {
        return object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
    }

    /** {@code NAME.HEX} of the time in nanoseconds, as client-go's recorder names an event. */
    private String name(HasMetadata object) {
        java.time.Instant now = clock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + (System.nanoTime() & 0xfff);
        return object.getMetadata().getName() + "." + HexFormat.of().toHexDigits(nanos).replaceFirst("^0+", "");
    }
}
