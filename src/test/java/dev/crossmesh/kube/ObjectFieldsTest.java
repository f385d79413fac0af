package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.render.KubeYaml;

class ObjectFieldsTest {
    static Map<String, Object> yaml(String text) {
        return KubeYaml.loadAll(text).get(0);
    }

    static final String DESIRED_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: gw, namespace: istio-system, labels: {app: gw}}
            spec:
              type: LoadBalancer
              ports:
              - {name: status-port, port: 15021, targetPort: 15021}
              - {name: tls, port: 15443, targetPort: 15443}
            """;

    /** What a real API server returns: defaults, nodePorts, clusterIP, status, other labels, ports in another order. */
    static final String LIVE_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: gw, namespace: istio-system, uid: u1, resourceVersion: "42", labels: {app: gw, team: x}}
            spec:
              type: LoadBalancer
              clusterIP: 10.0.0.7
              ports:
              - {name: tls, port: 15443, targetPort: 15443, protocol: TCP, nodePort: 31001}
              - {name: status-port, port: 15021, targetPort: "15021", protocol: TCP, nodePort: 31000}
            status: {loadBalancer: {ingress: [{ip: 1.2.3.4}]}}
            """;

    @Test
    void serverPopulatedFieldsAreIgnoredAndNamedListsMatchByName() {
        assertEquals(List.of(), ObjectFields.changedPaths(yaml(DESIRED_SERVICE), yaml(LIVE_SERVICE)));
    }

    @Test
    void changedFieldsAreNamedByPath() {
        Map<String, Object> live = yaml(LIVE_SERVICE.replace("port: 15443, targetPort: 15443", "port: 443, targetPort: 15443")
                .replace("type: LoadBalancer", "type: NodePort"));
        assertEquals(List.of("spec.type", "spec.ports[tls].port"), ObjectFields.changedPaths(yaml(DESIRED_SERVICE), live));
        Map<String, Object> missing = yaml(LIVE_SERVICE.replace("  - {name: status-port, port: 15021, targetPort: \"15021\", protocol: TCP, nodePort: 31000}\n", ""));
        assertEquals(List.of("spec.ports"), ObjectFields.changedPaths(yaml(DESIRED_SERVICE), missing));
    }

    @Test
    void mergeKeepsServerFieldsAndResourceVersion() {
        Map<String, Object> live = yaml(LIVE_SERVICE.replace("port: 15443, targetPort: 15443", "port: 443, targetPort: 15443"));
        Map<String, Object> merged = ObjectFields.merge(live, yaml(DESIRED_SERVICE));
        assertEquals(List.of(), ObjectFields.changedPaths(yaml(DESIRED_SERVICE), merged));
        assertEquals("42", ObjectFields.metadata(merged).get("resourceVersion"));
        assertEquals("x", ObjectFields.labels(merged).get("team"));
        @SuppressWarnings("unchecked")
        Map<String, Object> tls = ((List<Map<String, Object>>) ((Map<String, Object>) merged.get("spec")).get("ports")).get(1);
        assertEquals(31001, tls.get("nodePort"), "the nodePort the server allocated is kept");
        assertEquals("10.0.0.7", ((Map<?, ?>) merged.get("spec")).get("clusterIP"));
    }

    @Test
    void secretsCompareDecodedValuesWhereverTheyAre() {
        Map<String, Object> desired = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\nstringData: {a: one, b: two}\n");
        Map<String, Object> realServer = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\ndata: {a: " + b64("one") + ", b: " + b64("two") + "}\n");
        Map<String, Object> mock = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\nstringData: {a: one, b: two}\n");
        assertEquals(List.of(), ObjectFields.changedPaths(desired, realServer));
        assertEquals(List.of(), ObjectFields.changedPaths(desired, mock));
        Map<String, Object> changed = yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: Opaque\ndata: {a: " + b64("one") + ", b: " + b64("secret-value") + "}\n");
        List<String> paths = ObjectFields.changedPaths(desired, changed);
        assertEquals(List.of("data.b"), paths);
        assertTrue(paths.stream().noneMatch(p -> p.contains("secret-value") || p.contains("two")), "only key names");

        Map<String, Object> merged = ObjectFields.merge(changed, desired);
        assertEquals(List.of(), ObjectFields.changedPaths(desired, merged));
        assertTrue(!merged.containsKey("stringData"), "written as data, as a real API server stores it");
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
