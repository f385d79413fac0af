package dev.crossmesh.demo.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.demo.fields.Json;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/** The pure parts of the API semantics: scale selectors, event selectors and views, kubelet image names and QoS. */
class SemanticsTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void aScaleCarriesTheSelectorAsText() {
        assertEquals("app=web,tier=front", ScaleSubresource.selector(json("{\"matchLabels\":{\"tier\":\"front\",\"app\":\"web\"}}")));
        assertEquals("app=web,env in (a,b),!legacy", ScaleSubresource.selector(json("""
                {"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["b","a"]},
                 {"key":"legacy","operator":"DoesNotExist"}]}""")));
        Map<String, Object> scale = ScaleSubresource.scaleOf(json("""
                {"metadata":{"name":"web","namespace":"n","resourceVersion":"7","labels":{"x":"y"}},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}}},"status":{"replicas":2}}"""));
        assertEquals(json("""
                {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web","namespace":"n","resourceVersion":"7"},
                 "spec":{"replicas":3},"status":{"replicas":2,"selector":"app=web"}}"""), scale);
    }

    @Test
    void eventsAreSelectedByInvolvedObjectAndReadInEventsV1Names() {
        Map<String, Object> event = json("""
                {"metadata":{"name":"web.1","namespace":"n"},"involvedObject":{"kind":"Pod","name":"web","namespace":"n"},
                 "reason":"Started","message":"Started container web","type":"Normal","source":{"component":"kubelet","host":"node-1"},
                 "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:00:05Z","count":2}""");
        assertTrue(EventsView.matches(event, "involvedObject.name=web,involvedObject.kind=Pod", false));
        assertTrue(EventsView.matches(event, "type!=Warning", false));
        assertFalse(EventsView.matches(event, "involvedObject.name==other", false));
        assertTrue(EventsView.matches(event, "regarding.name=web,regarding.kind=Pod", true), "events.k8s.io/v1 selects by regarding");
        assertFalse(EventsView.matches(event, "regarding.name=other", true));
        Map<String, Object> v1 = EventsView.toEventsV1(event);
        assertEquals("events.k8s.io/v1", v1.get("apiVersion"));
        assertEquals("Started container web", v1.get("note"));
        assertEquals("kubelet", v1.get("reportingController"));
        assertEquals("node-1", v1.get("reportingInstance"));
        assertEquals(event.get("involvedObject"), v1.get("regarding"));
        assertEquals(2L, v1.get("deprecatedCount"));
        assertEquals("2026-01-01T00:00:05Z", v1.get("deprecatedLastTimestamp"));
        assertTrue(v1.containsKey("eventTime"), "eventTime is always there in events.k8s.io/v1, null for an old-style event");
    }

    @Test
    void imagesAreNamedAsTheRuntimeReportsThem() {
        assertEquals("docker.io/library/nginx:1.25", KubeletStatus.fullImage("nginx:1.25"));
        assertEquals("docker.io/library/nginx:latest", KubeletStatus.fullImage("nginx"));
        assertEquals("docker.io/istio/proxyv2:1.22.1", KubeletStatus.fullImage("istio/proxyv2:1.22.1"));
        assertEquals("gcr.io/p/app:2", KubeletStatus.fullImage("gcr.io/p/app:2"));
        assertEquals("localhost:5000/app:latest", KubeletStatus.fullImage("localhost:5000/app"));
        assertTrue(KubeletStatus.imageId("docker.io/library/nginx:1.25").matches("docker.io/library/nginx@sha256:[0-9a-f]{64}"));
        assertEquals(KubeletStatus.imageId("docker.io/library/nginx:1.25"), KubeletStatus.imageId("docker.io/library/nginx:1.25"));
    }

    @Test
    void qosClassFollowsRequestsAndLimits() {
        assertEquals("BestEffort", KubeletStatus.qosClass(pod(null, null)));
        assertEquals("Burstable", KubeletStatus.qosClass(pod(Map.of("cpu", new Quantity("100m")), null)));
        Map<String, Quantity> both = Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi"));
        assertEquals("Guaranteed", KubeletStatus.qosClass(pod(both, both)));
        assertEquals("Guaranteed", KubeletStatus.qosClass(pod(null, both)), "requests default to the limits");
        assertEquals("Burstable", KubeletStatus.qosClass(pod(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi")), both)));
    }

    private static Pod pod(Map<String, Quantity> requests, Map<String, Quantity> limits) {
        return new PodBuilder().withNewSpec().addNewContainer().withName("c").withImage("i").withNewResources().withRequests(requests)
                .withLimits(limits).endResources().endContainer().endSpec().build();
    }
}
