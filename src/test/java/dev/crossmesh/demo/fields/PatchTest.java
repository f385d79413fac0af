package dev.crossmesh.demo.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The three patch types kube-apiserver takes besides apply, with the results it gives. */
class PatchTest {
    private static final SchemaType DEPLOYMENT = ModelSchemas.of(Deployment.class);

    private static Object json(String text) {
        return Json.parse(text);
    }

    @Test
    void mergePatchNullRemovesAKey() {
        assertEquals(json("{\"metadata\":{\"labels\":{\"keep\":\"1\"}}}"),
                MergePatch.apply(json("{\"metadata\":{\"labels\":{\"keep\":\"1\",\"foo\":\"bar\"}}}"), json("{\"metadata\":{\"labels\":{\"foo\":null}}}")));
        assertEquals(json("{\"a\":[3]}"), MergePatch.apply(json("{\"a\":[1,2]}"), json("{\"a\":[3]}")), "lists are replaced");
    }

    @Test
    void jsonPatchAppliesOperationsAndNamesTheOneThatFails() {
        assertEquals(json("{\"spec\":{\"replicas\":3}}"),
                JsonPatch.apply(json("{\"spec\":{\"replicas\":1}}"), json("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]")));
        assertThrows(IllegalArgumentException.class,
                () -> JsonPatch.apply(json("{\"spec\":{}}"), json("[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":3}]")));
    }

    @Test
    void strategicPatchMergesContainersByName() {
        Object live = json("""
                {"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}],
                  "tolerations":[{"key":"x"}]}}}}""");
        Object patched = StrategicMergePatch.apply(live, json("""
                {"spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"}],"tolerations":[{"key":"y"}]}}}}"""), DEPLOYMENT);
        assertEquals(json("""
                {"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}],
                  "tolerations":[{"key":"y"}]}}}}"""), patched, "containers merge by name, tolerations are replaced");
    }

    @Test
    void strategicPatchDirectivesAsKubectlApplyWritesThem() {
        Object live = json("""
                {"metadata":{"finalizers":["f1"]},"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
                  "template":{"spec":{"containers":[{"name":"a","image":"a:1","ports":[{"containerPort":80},{"containerPort":81}]},
                  {"name":"b","image":"b:1"}]}}}}""");
        Object patched = StrategicMergePatch.apply(live, json("""
                {"metadata":{"finalizers":["f2"]},
                 "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null},
                  "template":{"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"}],
                   "containers":[{"name":"b","$patch":"delete"},{"name":"c","image":"c:1"},
                    {"name":"a","ports":[{"containerPort":81,"$patch":"delete"}]}]}}}}"""), DEPLOYMENT);
        assertEquals(json("""
                {"metadata":{"finalizers":["f1","f2"]},"spec":{"strategy":{"type":"Recreate"},
                  "template":{"spec":{"containers":[{"name":"c","image":"c:1"},{"name":"a","image":"a:1","ports":[{"containerPort":80}]}]}}}}"""),
                patched);
    }

    @Test
    void servicePortsMergeByPort() {
        Object patched = StrategicMergePatch.apply(json("{\"spec\":{\"ports\":[{\"port\":80,\"name\":\"http\"},{\"port\":443}]}}"),
                json("{\"spec\":{\"ports\":[{\"port\":80,\"name\":\"web\"}]}}"), ModelSchemas.of(Service.class));
        assertEquals(json("{\"spec\":{\"ports\":[{\"port\":80,\"name\":\"web\"},{\"port\":443}]}}"), patched);
    }
}
