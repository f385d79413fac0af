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

    /** The examples of RFC 7386, appendix A. */
    @Test
    void mergePatchFollowsTheExamplesOfRfc7386() {
        String[][] cases = {
            {"{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
            {"{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"},
            {"{\"a\":\"b\"}", "{\"a\":null}", "{}"},
            {"{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"},
            {"{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
            {"{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"},
            {"{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"},
            {"{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"},
            {"[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"},
            {"{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"},
            {"{\"a\":\"foo\"}", "null", "null"},
            {"{\"a\":\"foo\"}", "\"bar\"", "\"bar\""},
            {"{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"},
            {"[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"},
            {"{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"},
        };
        for (String[] c : cases) {
            assertEquals(json(c[2]), MergePatch.apply(json(c[0]), json(c[1])), c[0] + " + " + c[1]);
        }
    }

    @Test
    void strategicPatchMergesEnvVolumesAndMountsByTheirKeys() {
        Object live = json("""
                {"spec":{"template":{"spec":{
                  "containers":[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],
                    "volumeMounts":[{"name":"data","mountPath":"/data"},{"name":"conf","mountPath":"/etc/conf"}]}],
                  "volumes":[{"name":"data","emptyDir":{}},{"name":"conf","configMap":{"name":"c"}}]}}}}""");
        Object patched = StrategicMergePatch.apply(live, json("""
                {"spec":{"template":{"spec":{
                  "containers":[{"name":"a","env":[{"name":"Y","value":"3"},{"name":"Z","value":"4"}],
                    "volumeMounts":[{"name":"conf2","mountPath":"/etc/conf"}]}],
                  "volumes":[{"name":"data","$retainKeys":["name","secret"],"secret":{"secretName":"s"}}]}}}}"""), DEPLOYMENT);
        assertEquals(json("""
                {"spec":{"template":{"spec":{
                  "containers":[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"},{"name":"Z","value":"4"}],
                    "volumeMounts":[{"name":"data","mountPath":"/data"},{"name":"conf2","mountPath":"/etc/conf"}]}],
                  "volumes":[{"name":"data","secret":{"secretName":"s"}},{"name":"conf","configMap":{"name":"c"}}]}}}}"""), patched,
                "env by name, mounts by mountPath, a volume's source swapped through $retainKeys");
    }

    @Test
    void strategicPatchReplaceDeleteAndNull() {
        Object live = json("""
                {"metadata":{"labels":{"a":"1","b":"2"},"finalizers":["f1","f2"]},
                 "spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}}}""");
        Object patched = StrategicMergePatch.apply(live, json("""
                {"metadata":{"labels":{"a":null},"$deleteFromPrimitiveList/finalizers":["f1"]},
                 "spec":{"template":{"spec":{"containers":[{"name":"z","image":"z:1"},{"$patch":"replace"}]}}}}"""), DEPLOYMENT);
        assertEquals(json("""
                {"metadata":{"labels":{"b":"2"},"finalizers":["f2"]},
                 "spec":{"template":{"spec":{"containers":[{"name":"z","image":"z:1"}]}}}}"""), patched);
        Object replacedMap = StrategicMergePatch.apply(live, json("{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"c\":\"3\"}}}"), DEPLOYMENT);
        assertEquals(json("{\"c\":\"3\"}"), Json.at(replacedMap, "metadata", "labels"));
        Object deletedMap = StrategicMergePatch.apply(live, json("{\"metadata\":{\"labels\":{\"$patch\":\"delete\"}}}"), DEPLOYMENT);
        assertEquals(null, Json.at(deletedMap, "metadata", "labels"));
        assertThrows(IllegalArgumentException.class, () -> StrategicMergePatch.apply(live, json("{\"metadata\":{\"$patch\":\"explode\"}}"), DEPLOYMENT));
        assertThrows(IllegalArgumentException.class, () -> StrategicMergePatch.apply(live,
                json("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"no-name\"}]}}}}"), DEPLOYMENT),
                "an element without its merge key");
    }
}
