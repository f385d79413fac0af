package dev.crossmesh.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.render.KubeYaml;

class NamespaceAdoptionTest {
    static final Map<String, Object> DESIRED = KubeYaml.loadAll("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: istio-system
              labels: {app.kubernetes.io/managed-by: crossmesh, crossmesh.dev/mesh: m, topology.istio.io/network: net-1}
            """).get(0);

    static Map<String, Object> namespace(String labels, String annotations) {
        return KubeYaml.loadAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: istio-system\n  resourceVersion: \"7\"\n  labels: "
                + labels + "\n  annotations: " + annotations + "\n").get(0);
    }

    @Test
    void aNewNamespaceRecordsThatCrossmeshMadeIt() {
        NamespaceAdoption.Outcome o = NamespaceAdoption.examine(DESIRED, null, false);
        assertEquals(ChangeKind.CREATE, o.change());
        assertEquals("true", ObjectFields.annotations(o.body()).get(Ownership.CREATED_NAMESPACE));
        assertEquals("app.kubernetes.io/managed-by,crossmesh.dev/mesh,topology.istio.io/network", ObjectFields.annotations(o.body()).get(Ownership.ADDED_LABELS));
    }

    @Test
    void anotherToolsNamespaceGetsOurLabelsButKeepsItsManager() {
        Map<String, Object> helm = namespace("{app.kubernetes.io/managed-by: Helm, team: x}", "{}");
        NamespaceAdoption.Outcome o = NamespaceAdoption.examine(DESIRED, helm, false);
        assertEquals(ChangeKind.UPDATE, o.change());
        assertEquals(List.of("metadata.labels.crossmesh.dev/mesh", "metadata.labels.topology.istio.io/network"), o.fields());
        // the apply sends only crossmesh's keys: Helm keeps its managed-by label and the others, and no
        // resourceVersion ties the write to one read
        assertEquals(Map.of("crossmesh.dev/mesh", "m", "topology.istio.io/network", "net-1"), ObjectFields.labels(o.body()));
        assertNull(ObjectFields.metadata(o.body()).get("resourceVersion"));
        Map<String, Object> stored = namespace("{app.kubernetes.io/managed-by: Helm, team: x, crossmesh.dev/mesh: m, topology.istio.io/network: net-1}",
                new com.google.gson.Gson().toJson(ObjectFields.annotations(o.body())));
        assertEquals(ChangeKind.UNCHANGED, NamespaceAdoption.examine(DESIRED, stored, false).change(), "stable once adopted");

        Map<String, Object> undone = NamespaceAdoption.withoutOurMarks(stored);
        assertEquals(Map.of("app.kubernetes.io/managed-by", "Helm", "team", "x"), ObjectFields.labels(undone));
        assertEquals(Map.of(), ObjectFields.annotations(undone));
    }

    @Test
    void aForeignNetworkLabelIsOnlyReplacedWithForceAndRestoredOnUninstall() {
        Map<String, Object> other = namespace("{topology.istio.io/network: vpc-9}", "{}");
        NamespaceAdoption.Outcome refused = NamespaceAdoption.examine(DESIRED, other, false);
        assertEquals(ChangeKind.NOT_OWNED, refused.change());
        assertTrue(refused.reason().contains("label topology.istio.io/network is 'vpc-9' here, the plan says 'net-1'"), refused.reason());
        assertNull(refused.body());

        NamespaceAdoption.Outcome forced = NamespaceAdoption.examine(DESIRED, other, true);
        assertEquals(ChangeKind.UPDATE, forced.change());
        assertEquals("net-1", ObjectFields.labels(forced.body()).get("topology.istio.io/network"));
        assertEquals("{\"topology.istio.io/network\":\"vpc-9\"}", ObjectFields.annotations(forced.body()).get(Ownership.REPLACED_LABELS));
        assertEquals("vpc-9", ObjectFields.labels(NamespaceAdoption.withoutOurMarks(forced.body())).get("topology.istio.io/network"));
    }

    @Test
    void aLabelCrossmeshSetItselfFollowsThePlan() {
        NamespaceAdoption.Outcome created = NamespaceAdoption.examine(DESIRED, null, false);
        Map<String, Object> live = created.body();
        @SuppressWarnings("unchecked")
        Map<String, Object> labels = (Map<String, Object>) ObjectFields.metadata(live).get("labels");
        labels.put("topology.istio.io/network", "net-old");
        NamespaceAdoption.Outcome o = NamespaceAdoption.examine(DESIRED, live, false);
        assertEquals(ChangeKind.UPDATE, o.change(), "the network changed in the plan: no --force needed for crossmesh's own label");
        assertNull(ObjectFields.annotations(o.body()).get(Ownership.REPLACED_LABELS));
    }
}
