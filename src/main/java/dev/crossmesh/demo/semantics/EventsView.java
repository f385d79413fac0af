package dev.crossmesh.demo.semantics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.crossmesh.demo.apiserver.ApiPath;
import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Events read the two ways the API serves them: core {@code v1} with field selectors on the involved object (what
 * {@code kubectl describe} asks for), and {@code events.k8s.io/v1}, the same objects in that API's field names.
 * Both are views of the one stored core list, as in kube-apiserver.
 */
final class EventsView {
    static final String GROUP = "events.k8s.io";

    private EventsView() {
    }

    /** A read this view answers: a list or get of events.k8s.io, or a core list with a selector on the involved object. */
    static boolean handles(ApiPath path) {
        if (!path.plural().equals("events") || path.query().containsKey("watch") || path.subresource() != null) {
            return false;
        }
        if (path.group().equals(GROUP)) {
            return true;
        }
        return path.group().isEmpty() && path.name() == null && path.query().getOrDefault("fieldSelector", "").contains(".");
    }

    static MockResponse answer(ApiPath path, ObjectStore store) {
        boolean v1 = path.group().equals(GROUP);
        String corePath = "/api/v1" + (path.namespace() == null ? "" : "/namespaces/" + path.namespace()) + "/events";
        if (path.name() != null) {
            Map<String, Object> event = store.read(corePath + "/" + path.name());
            return event == null ? Statuses.notFound("events.events.k8s.io", path.name()) : ApiStatus.json(200, toEventsV1(event));
        }
        Map<String, Object> list = store.read(corePath + (path.query().containsKey("labelSelector")
                ? "?labelSelector=" + java.net.URLEncoder.encode(path.query().get("labelSelector"), java.nio.charset.StandardCharsets.UTF_8) : ""));
        List<Object> items = list == null || Json.list(list.get("items")) == null ? List.of() : Json.list(list.get("items"));
        List<Object> selected = new ArrayList<>();
        String selector = path.query().getOrDefault("fieldSelector", "");
        for (Object item : items) {
            Map<String, Object> event = Json.object(item);
            if (event != null && matches(event, selector, v1)) {
                selected.add(v1 ? toEventsV1(event) : event);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kind", "EventList");
        answer.put("apiVersion", v1 ? GROUP + "/v1" : "v1");
        answer.put("metadata", list == null || list.get("metadata") == null ? Map.of() : list.get("metadata"));
        answer.put("items", selected);
        return ApiStatus.json(200, answer);
    }

    /** {@code involvedObject.name=x,type!=Normal}: the equality selectors kube-apiserver supports for events. */
    static boolean matches(Map<String, Object> event, String selector, boolean v1Names) {
        if (selector.isBlank()) {
            return true;
        }
        for (String term : selector.split(",")) {
            boolean negated = term.contains("!=");
            String[] kv = term.split(negated ? "!=" : "==?", 2);
            if (kv.length != 2) {
                continue;
            }
            String field = kv[0].trim();
            if (v1Names) {
                field = field.replaceFirst("^regarding\\.", "involvedObject.").replaceFirst("^reportingController$", "reportingComponent")
                        .replaceFirst("^deprecatedSource\\.", "source.");
            }
            Object value = Json.at(event, field.split("\\."));
            boolean equal = Objects.equals(value == null ? "" : String.valueOf(value), kv[1].trim());
            if (equal == negated) {
                return false;
            }
        }
        return true;
    }

    /** A core event in events.k8s.io/v1 field names (k8s.io/kubernetes/pkg/apis/events/v1 conversion). */
    static Map<String, Object> toEventsV1(Map<String, Object> core) {
        Map<String, Object> v1 = new LinkedHashMap<>();
        v1.put("kind", "Event");
        v1.put("apiVersion", GROUP + "/v1");
        v1.put("metadata", core.get("metadata"));
        v1.put("eventTime", core.get("eventTime"));
        putIf(v1, "series", core.get("series"));
        putIf(v1, "reportingController", firstNonEmpty(core.get("reportingComponent"), Json.at(core, "source", "component")));
        putIf(v1, "reportingInstance", firstNonEmpty(core.get("reportingInstance"), Json.at(core, "source", "host")));
        putIf(v1, "action", core.get("action"));
        putIf(v1, "reason", core.get("reason"));
        putIf(v1, "regarding", core.get("involvedObject"));
        putIf(v1, "related", core.get("related"));
        putIf(v1, "note", core.get("message"));
        putIf(v1, "type", core.get("type"));
        putIf(v1, "deprecatedSource", core.get("source"));
        putIf(v1, "deprecatedFirstTimestamp", core.get("firstTimestamp"));
        putIf(v1, "deprecatedLastTimestamp", core.get("lastTimestamp"));
        putIf(v1, "deprecatedCount", core.get("count"));
        return v1;
    }

    private static Object firstNonEmpty(Object a, Object b) {
        return a != null && !"".equals(a) ? a : b;
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
