package dev.crossmesh.ui.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.crossmesh.certs.KeyType;
import dev.crossmesh.plan.CaMode;
import dev.crossmesh.plan.ClusterSpec;
import dev.crossmesh.plan.Finding;
import dev.crossmesh.plan.Flavor;
import dev.crossmesh.plan.MeshPlan;
import dev.crossmesh.plan.PlanValidator;
import dev.crossmesh.plan.Role;
import dev.crossmesh.plan.ServiceType;
import dev.crossmesh.plan.Topology;
import dev.crossmesh.ui.core.PlanModel;

class MeshStepViewModelTest {
    private final PlanModel plan = new PlanModel(MeshPlan.of("mesh1", List.of(new ClusterSpec("a", "ctx-a", "n1"), new ClusterSpec("b", "ctx-b", "n2"))));
    private final MeshStepViewModel vm = new MeshStepViewModel(plan, KeyType.RSA_4096);

    @Test
    void aNewPlanIsValidWithItsDefaults() {
        assertEquals("mesh1", vm.meshIdProperty().get());
        assertEquals("cluster.local", vm.trustDomainProperty().get());
        assertEquals(dev.crossmesh.plan.IstioReleases.newestStable(), vm.versionProperty().get());
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.blockerProperty().get());
    }

    @Test
    void everyFieldWritesThePlan() {
        vm.meshIdProperty().set("shop");
        vm.trustDomainProperty().set("example.org");
        vm.flavorProperty().set(Flavor.ASM);
        vm.versionProperty().set("1.22.1");
        vm.revisionProperty().set("asm-1221-0");
        vm.serviceTypeProperty().set(ServiceType.NODE_PORT);
        vm.annotationsProperty().set("networking.gke.io/load-balancer-type=Internal\n\n# later: cloud.google.com/neg={}\n");
        MeshPlan p = plan.plan();
        assertEquals("shop", p.meshId());
        assertEquals("example.org", p.trustDomain());
        assertEquals(Flavor.ASM, p.istio().flavor());
        assertEquals("1.22.1", p.istio().version());
        assertEquals("asm-1221-0", p.istio().revision());
        assertEquals(ServiceType.NODE_PORT, p.gateway().serviceType());
        assertEquals(Map.of("networking.gke.io/load-balancer-type", "Internal"), p.gateway().annotations());
    }

    @Test
    void eachRuleOfTheStepShowsTheValidatorsFindingAtItsField() {
        assertProblem(() -> vm.meshIdProperty().set("Mesh One"), vm.meshIdProblemProperty().get(), "meshId", "CM001");
        assertEquals("Fix Mesh ID to continue.", vm.blockerProperty().get());
        vm.meshIdProperty().set("mesh1");
        assertNull(vm.meshIdProblemProperty().get());

        assertProblem(() -> vm.trustDomainProperty().set("not a domain"), vm.trustDomainProblemProperty().get(), "trustDomain", "CM002");
        vm.trustDomainProperty().set("cluster.local");

        assertProblem(() -> vm.versionProperty().set("latest"), vm.versionProblemProperty().get(), "istio.version", "CM018");
        assertProblem(() -> vm.versionProperty().set("1.7.0"), vm.versionProblemProperty().get(), "istio.version", "CM019");
        vm.versionProperty().set("1.10.0");
        assertEquals("CM040", vm.versionProblemProperty().get().code(), "out of Istio's support");
        assertTrue(vm.validProperty().get(), "a warning does not block Next");
        vm.versionProperty().set(dev.crossmesh.plan.IstioReleases.newestStable());

        assertProblem(() -> vm.revisionProperty().set("Canary_1"), vm.revisionProblemProperty().get(), "istio.revision", "CM020");
        vm.revisionProperty().set("");

        assertProblem(() -> vm.caProperty().set(CaMode.MESH_CA), vm.caProblemProperty().get(), "ca", "CM015");
        vm.flavorProperty().set(Flavor.ASM);
        assertNull(vm.caProblemProperty().get());
        assertEquals("CM024", vm.trustDomainProblemProperty().get().code(), "Mesh CA wants the fleet's trust domain");
        vm.trustDomainProperty().set("my-project.svc.id.goog");
        assertNull(vm.trustDomainProblemProperty().get());
        vm.caProperty().set(CaMode.SHARED_ROOT);

        assertProblem(() -> vm.annotationsProperty().set("not/a valid name!=x"), vm.annotationsProblemProperty().get(),
                "gateway.annotations.not/a valid name!", "CM022");
        vm.annotationsProperty().set("");
        assertTrue(vm.validProperty().get());
    }

    @Test
    void annotationLinesThatDoNotParseBlockNextAndKeepTheLastGoodList() {
        vm.annotationsProperty().set("a.example/x=1");
        vm.annotationsProperty().set("a.example/x=1\nno equals sign");
        assertEquals("Line 2 'no equals sign' has no '=': write one annotation per line as name=value", vm.annotationsProblemProperty().get().message());
        assertFalse(vm.validProperty().get());
        assertEquals("Fix Gateway annotations to continue.", vm.blockerProperty().get());
        assertEquals(Map.of("a.example/x", "1"), plan.plan().gateway().annotations());
        assertEquals("a.example/x=1\nno equals sign", vm.annotationsProperty().get(), "the user's text stays while they type");

        vm.annotationsProperty().set("a.example/x=1\na.example/x=2");
        assertEquals("Line 2 sets annotation 'a.example/x' again (line 1 sets it already): keep one line per annotation",
                vm.annotationsProblemProperty().get().message());
    }

    @Test
    void topologyChangesKeepRolesValid() {
        vm.topologyProperty().set(Topology.PRIMARY_REMOTE);
        assertEquals(List.of(Role.PRIMARY, Role.REMOTE), plan.plan().clusters().stream().map(ClusterSpec::role).toList());
        assertTrue(PlanValidator.validate(plan.plan()).stream().noneMatch(Finding::isError));
        vm.topologyProperty().set(Topology.MULTI_PRIMARY);
        assertEquals(List.of(Role.PRIMARY, Role.PRIMARY), plan.plan().clusters().stream().map(ClusterSpec::role).toList());
    }

    @Test
    void anOpenedPlanReplacesHalfTypedInput() {
        vm.annotationsProperty().set("broken line");
        plan.replace(MeshPlan.of("other", List.of()).withTrustDomain("corp.example"));
        assertEquals("other", vm.meshIdProperty().get());
        assertEquals("corp.example", vm.trustDomainProperty().get());
        assertEquals("", vm.annotationsProperty().get());
        assertNull(vm.annotationsProblemProperty().get());
    }

    @Test
    void keyTypeIsAWizardSettingNotPartOfThePlan() {
        MeshPlan before = plan.plan();
        vm.caKeyTypeProperty().set(KeyType.EC_P256);
        assertEquals(before, plan.plan());
    }

    private void assertProblem(Runnable edit, Finding ignored, String path, String code) {
        edit.run();
        Finding expected = PlanValidator.validate(plan.plan()).stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("the validator reports nothing at " + path));
        Finding shown = switch (path.split("\\.")[0]) {
            case "meshId" -> vm.meshIdProblemProperty().get();
            case "trustDomain" -> vm.trustDomainProblemProperty().get();
            case "ca" -> vm.caProblemProperty().get();
            case "gateway" -> vm.annotationsProblemProperty().get();
            default -> path.endsWith("version") ? vm.versionProblemProperty().get() : vm.revisionProblemProperty().get();
        };
        assertEquals(code, expected.code());
        assertEquals(expected, shown, "the field shows exactly the validator's finding");
        if (expected.isError()) {
            assertFalse(vm.validProperty().get());
        }
    }
}
