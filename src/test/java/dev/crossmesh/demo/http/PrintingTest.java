package dev.crossmesh.demo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.Json;

/** The cells of server-side printing, as kubectl shows them. */
class PrintingTest {
    @Test
    void agesReadAsKubectlPrintsThem() {
        assertEquals("45s", Ages.human(Duration.ofSeconds(45)));
        assertEquals("5m30s", Ages.human(Duration.ofSeconds(330)));
        assertEquals("42m", Ages.human(Duration.ofMinutes(42)));
        assertEquals("3h20m", Ages.human(Duration.ofMinutes(200)));
        assertEquals("2d4h", Ages.human(Duration.ofHours(52)));
    }

    @Test
    void podRowsSayReadyStatusAndRestarts() {
        Map<String, Object> pod = Json.object(Json.parse("""
                {"metadata":{"name":"web-0","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"containers":[{"name":"web"},{"name":"istio-proxy"}],"nodeName":"node-1"},
                 "status":{"phase":"Running","podIP":"10.0.0.7","containerStatuses":[{"name":"web","ready":true,"restartCount":2},
                   {"name":"istio-proxy","ready":false,"restartCount":1,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""));
        ResourceType pods = BuiltInResources.all().stream().filter(t -> t.plural().equals("pods")).findFirst().orElseThrow();
        Map<String, Object> table = TableResponses.table(pod, pods, "Metadata", Instant.parse("2026-01-01T00:05:00Z"));
        assertEquals(List.of("web-0", "1/2", "CrashLoopBackOff", "3", "5m", "10.0.0.7", "node-1", "<none>", "<none>"),
                Json.list(Json.at(Json.list(table.get("rows")).get(0), "cells")));
    }

    @Test
    void customResourceColumnsFollowTheirJsonPaths() {
        Map<String, Object> object = Json.object(Json.parse("""
                {"metadata":{"name":"gw"},"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]},
                 "spec":{"servers":[{"port":{"number":15443}}]}}"""));
        assertEquals("True", JsonPaths.first(object, ".status.conditions[?(@.type==\"Ready\")].status"));
        assertEquals(15443L, JsonPaths.first(object, ".spec.servers[0].port.number"));
        assertEquals(null, JsonPaths.first(object, ".spec.missing"));
    }
}
