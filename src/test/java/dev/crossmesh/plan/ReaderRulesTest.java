package dev.crossmesh.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.crossmesh.plan.ReleaseFacts.ReaderRbac;

/** Spot checks of the reader's rights per release, read by hand from the reader ClusterRole templates at the tags. */
class ReaderRulesTest {
    private static ReaderRbac at(String version) {
        return IstioReleases.facts(version).readerRbac();
    }

    private static boolean grants(ReaderRbac rbac, String group, String resource, String verb) {
        return rbac.rules().stream().anyMatch(r -> r.apiGroups().contains(group) && r.resources().contains(resource) && r.verbs().contains(verb));
    }

    @Test
    void namesFollowTheChartThatHoldsTheRole() {
        assertEquals("istio-reader-istio-system", at("1.10.6").clusterRoleName(""), "base/templates/clusterrole.yaml up to 1.10");
        assertEquals("istio-reader-clusterrole-istio-system", at("1.11.0").clusterRoleName(""));
        assertEquals("istio-reader-clusterrole-canary-istio-system", at("1.30.3").clusterRoleName("canary"));
    }

    @Test
    void rightsAreThoseOfThatReleaseNotTheNewest() {
        // 1.8.0: no rbac.istio.io; 1.8.2 adds it
        assertFalse(grants(at("1.8.0"), "rbac.istio.io", "*", "list"));
        assertTrue(grants(at("1.8.2"), "rbac.istio.io", "*", "list"));
        assertFalse(grants(at("1.8.6"), "networking.istio.io", "workloadentries", "get"));
        assertTrue(grants(at("1.9.0"), "networking.istio.io", "workloadentries", "get"));
        // istio-discovery's reader role (the one istioctl creates from 1.11) reads serviceexports from 1.12
        assertFalse(grants(at("1.11.8"), "multicluster.x-k8s.io", "serviceexports", "list"));
        assertTrue(grants(at("1.12.9"), "multicluster.x-k8s.io", "serviceexports", "list"));
        assertFalse(grants(at("1.12.9"), "multicluster.x-k8s.io", "serviceexports", "create"));
        assertTrue(grants(at("1.13.9"), "multicluster.x-k8s.io", "serviceexports", "create"));
        assertFalse(grants(at("1.18.7"), "gateway.networking.k8s.io", "gateways", "watch"));
        assertTrue(grants(at("1.19.10"), "gateway.networking.k8s.io", "gateways", "watch"));
        assertFalse(grants(at("1.21.6"), "telemetry.istio.io", "*", "get"));
        assertTrue(grants(at("1.22.8"), "telemetry.istio.io", "*", "get"));
        for (String version : List.of("1.25.5", "1.27.9", "1.28.10")) {
            assertFalse(grants(at(version), "", "configmaps", "list"), version);
        }
        for (String version : List.of("1.26.8", "1.29.6", "1.30.3")) {
            assertTrue(grants(at(version), "", "configmaps", "list"), version);
        }
        for (ReleaseFacts f : IstioReleases.entries()) {
            assertFalse(grants(f.readerRbac(), "", "secrets", "create"), "a reader never writes secrets: " + f.version());
            assertTrue(f.readerRbac().remoteRules().stream().anyMatch(r -> r.resources().contains("mutatingwebhookconfigurations")), f.version().toString());
        }
    }
}
