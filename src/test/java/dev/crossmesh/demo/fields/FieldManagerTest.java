package dev.crossmesh.demo.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.demo.fields.FieldManager.ApplyConflict;
import dev.crossmesh.demo.fields.FieldManager.Scope;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Server-side apply and update ownership, against what kube-apiserver answers for the same requests. */
class FieldManagerTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final SchemaType CONFIG_MAP = ModelSchemas.of(ConfigMap.class);
    private static final SchemaType DEPLOYMENT = ModelSchemas.of(Deployment.class);

    private static Map<String, Object> obj(String json) {
        return Json.object(Json.parse(json));
    }

    private static FieldManager configMaps() {
        return new FieldManager(CONFIG_MAP, "v1", Scope.WHOLE, T0);
    }

    private static List<Object> managed(Map<String, Object> o) {
        return Json.list(Json.at(o, "metadata", "managedFields"));
    }

    private static Map<String, Object> entry(Map<String, Object> o, String manager) {
        return managed(o).stream().map(Json::object).filter(e -> manager.equals(e.get("manager"))).findFirst().orElse(null);
    }

    @Test
    void createRecordsTheCreatorAsKubeApiserverWritesIt() {
        Map<String, Object> created = configMaps().update(null,
                obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"labels\":{\"app\":\"x\"}},\"data\":{\"a\":\"1\"}}"),
                "kubectl-create");
        Map<String, Object> e = entry(created, "kubectl-create");
        assertEquals("Update", e.get("operation"));
        assertEquals("v1", e.get("apiVersion"));
        assertEquals("2026-01-02T03:04:05Z", e.get("time"));
        assertEquals(obj("{\"f:data\":{\".\":{},\"f:a\":{}},\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}"), e.get("fieldsV1"));
    }

    @Test
    void createOfADeploymentOwnsItsFieldsNotTheStructsAroundThem() {
        Map<String, Object> created = new FieldManager(DEPLOYMENT, "apps/v1", Scope.MAIN, T0).update(null, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},
                   "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"i:1"}]}}},
                 "status":{"replicas":1}}"""), "kubectl-create");
        assertEquals(obj("""
                {"f:spec":{"f:replicas":{},"f:selector":{},
                  "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                    "f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"""),
                entry(created, "kubectl-create").get("fieldsV1"), "selector is atomic, status is the status subresource's");
    }

    @Test
    void applyRemovesWhatItNoLongerApplies() {
        FieldManager fm = configMaps();
        Map<String, Object> first = fm.apply(null, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"annotations\":{\"x\":\"1\",\"y\":\"2\"}}}"),
                "crossmesh", false);
        assertEquals("Apply", entry(first, "crossmesh").get("operation"));
        Map<String, Object> second = fm.apply(first, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"annotations\":{\"x\":\"1\"}}}"),
                "crossmesh", false);
        assertEquals(Map.of("x", "1"), Json.at(second, "metadata", "annotations"));
    }

    @Test
    void applyKeepsAFieldItDroppedWhenAnotherManagerOwnsIt() {
        FieldManager fm = configMaps();
        Map<String, Object> first = fm.apply(null, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}"),
                "one", false);
        Map<String, Object> shared = fm.apply(first, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}"),
                "two", false);
        Map<String, Object> dropped = fm.apply(shared, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}"), "one", false);
        assertEquals(Map.of("a", "1"), dropped.get("data"), "two still applies data.a");
    }

    @Test
    void aFieldAnotherManagerSetToAnotherValueIsAConflictUnlessForced() {
        FieldManager fm = configMaps();
        Map<String, Object> applied = fm.apply(null, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"annotations\":{\"x\":\"1\"}}}"),
                "crossmesh", false);
        Map<String, Object> annotated = Json.copyObject(applied);
        Json.objectAt(annotated, "metadata", "annotations").put("x", "2");
        annotated = fm.update(applied, annotated, "kubectl-annotate");
        Map<String, Object> live = annotated;
        Map<String, Object> config = obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"annotations\":{\"x\":\"1\"}}}");
        ApplyConflict conflict = assertThrows(ApplyConflict.class, () -> fm.apply(live, config, "crossmesh", false));
        assertEquals("Apply failed with 1 conflict: conflict with \"kubectl-annotate\" using v1: .metadata.annotations.x", conflict.getMessage());
        assertEquals(List.of(new ApplyConflict.Conflict("\"kubectl-annotate\" using v1", ".metadata.annotations.x")), conflict.conflicts());

        Map<String, Object> forced = fm.apply(live, config, "crossmesh", true);
        assertEquals("1", Json.at(forced, "metadata", "annotations", "x"));
        assertNull(entry(forced, "kubectl-annotate"), "the annotation was all kubectl-annotate owned");
    }

    @Test
    void theSameValueIsSharedNotAConflict() {
        FieldManager fm = configMaps();
        Map<String, Object> created = fm.update(null, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}"),
                "kubectl-create");
        Map<String, Object> applied = fm.apply(created, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}"),
                "crossmesh", false);
        assertEquals(2, managed(applied).size());
        assertEquals(created.get("data"), applied.get("data"));
    }

    @Test
    void anUnchangedApplyChangesNothing() {
        FieldManager fm = configMaps();
        Map<String, Object> config = obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}");
        Map<String, Object> first = fm.apply(null, config, "crossmesh", false);
        Map<String, Object> again = new FieldManager(CONFIG_MAP, "v1", Scope.WHOLE, T0.plusSeconds(60)).apply(first, config, "crossmesh", false);
        assertEquals(first, again, "same object, same managedFields time");
    }

    @Test
    void anObjectNobodyTrackedIsGivenToBeforeFirstApply() {
        FieldManager fm = configMaps();
        Map<String, Object> legacy = obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\",\"old\":\"x\"}}");
        Map<String, Object> same = fm.apply(legacy, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"1\"}}"),
                "crossmesh", false);
        assertEquals("Update", entry(same, "before-first-apply").get("operation"));
        assertEquals(legacy.get("data"), same.get("data"));
        ApplyConflict conflict = assertThrows(ApplyConflict.class, () -> fm.apply(legacy,
                obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"2\"}}"), "crossmesh", false));
        assertTrue(conflict.getMessage().contains("\"before-first-apply\" using v1: .data.a"), conflict.getMessage());
    }

    @Test
    void anUpdateOfAnUntrackedObjectStaysUntracked() {
        Map<String, Object> legacy = obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"uid\":\"u\"},\"data\":{\"a\":\"1\"}}");
        Map<String, Object> updated = Json.copyObject(legacy);
        Json.objectAt(updated, "data").put("a", "2");
        assertNull(Json.at(configMaps().update(legacy, updated, "kubectl-edit"), "metadata", "managedFields"));
    }

    @Test
    void listsMergeByTheirKeys() {
        FieldManager fm = new FieldManager(DEPLOYMENT, "apps/v1", Scope.MAIN, T0);
        Map<String, Object> applied = fm.apply(null, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[
                  {"name":"a","image":"a:1","ports":[{"containerPort":80}]}]}}}}"""), "crossmesh", false);
        Map<String, Object> injected = Json.copyObject(applied);
        Json.list(Json.at(injected, "spec", "template", "spec", "containers")).add(obj("{\"name\":\"sidecar\",\"image\":\"s:1\"}"));
        injected = fm.update(applied, injected, "injector");
        Map<String, Object> reapplied = fm.apply(injected, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[
                  {"name":"a","image":"a:2","ports":[{"containerPort":80}]}]}}}}"""), "crossmesh", false);
        List<Object> containers = Json.list(Json.at(reapplied, "spec", "template", "spec", "containers"));
        assertEquals(List.of("a:2", "s:1"), containers.stream().map(c -> Json.string(c, "image")).toList());
        Map<String, Object> fields = Json.object(entry(reapplied, "crossmesh").get("fieldsV1"));
        assertTrue(Json.text(fields).contains("k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}"), Json.text(fields));

        Map<String, Object> without = fm.apply(reapplied, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[
                  {"name":"a","image":"a:2"}]}}}}"""), "crossmesh", false);
        assertNull(Json.at(Json.list(Json.at(without, "spec", "template", "spec", "containers")).get(0), "ports"), "the port it stopped applying");
    }

    @Test
    void aListElementWithoutItsKeyIsRefused() {
        FieldManager fm = new FieldManager(DEPLOYMENT, "apps/v1", Scope.MAIN, T0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fm.apply(null, obj("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":{"containers":[{"image":"a"}]}}}}"""),
                "crossmesh", false));
        assertTrue(e.getMessage().contains("omits key field \"name\""), e.getMessage());
    }

    @Test
    void kubectlTakesOverWhatItsClientSideApplySet() {
        FieldManager fm = configMaps();
        String last = "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\"},\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}";
        Map<String, Object> clientSide = fm.update(null, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"annotations\":{\""
                + FieldManager.LAST_APPLIED + "\":" + Json.text(last) + "}},\"data\":{\"a\":\"1\"}}"), "kubectl-client-side-apply");
        Map<String, Object> serverSide = fm.apply(clientSide, obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"2\"}}"),
                "kubectl", false);
        assertEquals("2", Json.at(serverSide, "data", "a"));
        assertTrue(Json.string(serverSide, "metadata", "annotations", FieldManager.LAST_APPLIED).contains("\"a\":\"2\""));
        assertThrows(ApplyConflict.class, () -> fm.apply(clientSide,
                obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"2\"}}"), "other", false));
    }

    @Test
    void theStatusSubresourceOwnsOnlyStatus() {
        SchemaType service = ModelSchemas.of(Service.class);
        Map<String, Object> live = new FieldManager(service, "v1", Scope.MAIN, T0).update(null,
                obj("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"},\"spec\":{\"type\":\"LoadBalancer\"}}"), "crossmesh");
        Map<String, Object> withStatus = Json.copyObject(live);
        withStatus.put("status", obj("{\"loadBalancer\":{\"ingress\":[{\"ip\":\"1.2.3.4\"}]}}"));
        Map<String, Object> stored = new FieldManager(service, "v1", Scope.STATUS, T0).update(live, withStatus, "service-controller");
        Map<String, Object> e = entry(stored, "service-controller");
        assertEquals("status", e.get("subresource"));
        assertEquals(obj("{\"f:status\":{\"f:loadBalancer\":{\"f:ingress\":{}}}}"), e.get("fieldsV1"));
        assertFalse(Json.text(entry(stored, "crossmesh")).contains("status"));
    }

    @Test
    void managedFieldsRoundTrip() {
        Map<String, Object> fields = obj("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:port\":{}}}}}");
        assertEquals(fields, FieldSet.fromFieldsV1(fields).toFieldsV1());
        assertEquals(".spec.ports[port=80,protocol=\"TCP\"].port",
                PathElements.display(List.of("f:spec", "f:ports", "k:{\"port\":80,\"protocol\":\"TCP\"}", "f:port")));
    }
}
