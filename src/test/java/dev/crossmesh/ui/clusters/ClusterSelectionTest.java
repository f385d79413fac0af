package dev.crossmesh.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.Topology;

class ClusterSelectionTest {
    @Test
    void namesComeFromTheContextSanitizedAndUnique() {
        assertEquals("cluster-1", ClusterSelection.suggestName("gke_sandbox-111111_asia-south1-a_cluster-1", Set.of()));
        assertEquals("payments", ClusterSelection.suggestName("arn:aws:eks:eu-west-1:123456789012:cluster/payments", Set.of()));
        assertEquals("kind-dev", ClusterSelection.suggestName("Kind_Dev", Set.of()));
        assertEquals("kind-dev-2", ClusterSelection.suggestName("kind-dev", Set.of("kind-dev")));
        assertEquals("kind-dev-3", ClusterSelection.suggestName("kind-dev", Set.of("kind-dev", "kind-dev-2")));
        String longName = "x".repeat(70);
        assertEquals(63, ClusterSelection.suggestName(longName, Set.of("x".repeat(63))).length());
    }

    @Test
    void networksStartApart() {
        assertEquals("network-1", ClusterSelection.suggestNetwork(Set.of()));
        assertEquals("network-2", ClusterSelection.suggestNetwork(Set.of("network-1", "vpc-9")));
    }

    @Test
    void inPrimaryRemoteTheFirstPickIsThePrimary() {
        MeshPlan plan = MeshPlan.of("m", List.of()).withTopology(Topology.PRIMARY_REMOTE);
        plan = ClusterSelection.add(plan, "a", "");
        plan = ClusterSelection.add(plan, "b", "");
        assertEquals(List.of(Role.PRIMARY, Role.REMOTE), plan.clusters().stream().map(ClusterSpec::role).toList());
        assertEquals(plan, ClusterSelection.add(plan, "a", ""), "a context is added once");
    }

    @Test
    void regionIsFilledOnlyWhenEmpty() {
        MeshPlan plan = MeshPlan.of("m", List.of(new ClusterSpec("a", "ctx", "n").withRegion("mine")));
        assertEquals("mine", ClusterSelection.fillRegion(plan, "ctx", "theirs").clusters().get(0).region());
        plan = MeshPlan.of("m", List.of(new ClusterSpec("a", "ctx", "n")));
        assertEquals("theirs", ClusterSelection.fillRegion(plan, "ctx", "theirs").clusters().get(0).region());
    }
}
