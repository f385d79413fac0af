package dev.crossmesh.demo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Requests resolved as kube-apiserver's RequestInfoFactory resolves them (its requestinfo_test.go cases among them). */
class RequestAttributesTest {

    private static String describe(RequestAttributes a) {
        return String.join("|", a.verb(), a.apiGroup(), a.apiVersion(), a.namespace(), a.resource(), a.subresource(), a.name());
    }

    @Test
    void methodsAndPathsGiveKubernetesVerbs() {
        assertEquals("list||v1||pods||", describe(RequestAttributes.of("GET", "/api/v1/pods")));
        assertEquals("list||v1|other|pods||", describe(RequestAttributes.of("GET", "/api/v1/namespaces/other/pods")));
        assertEquals("get||v1|other|pods||foo", describe(RequestAttributes.of("GET", "/api/v1/namespaces/other/pods/foo")));
        assertEquals("get||v1|other|pods||foo", describe(RequestAttributes.of("HEAD", "/api/v1/namespaces/other/pods/foo")));
        assertEquals("watch||v1|other|pods||", describe(RequestAttributes.of("GET", "/api/v1/namespaces/other/pods?watch=true")));
        assertEquals("watch||v1|other|pods||", describe(RequestAttributes.of("GET", "/api/v1/namespaces/other/pods?watch=1&resourceVersion=5")));
        assertEquals("list||v1|other|pods||", describe(RequestAttributes.of("GET", "/api/v1/namespaces/other/pods?watch=false")));
        assertEquals("watch||v1|other|pods||", describe(RequestAttributes.of("GET", "/api/v1/watch/namespaces/other/pods")));
        assertEquals("watch||v1|other|pods||foo", describe(RequestAttributes.of("GET", "/api/v1/watch/namespaces/other/pods/foo")));
        assertEquals("create||v1|other|pods||", describe(RequestAttributes.of("POST", "/api/v1/namespaces/other/pods")));
        assertEquals("update||v1|other|pods||foo", describe(RequestAttributes.of("PUT", "/api/v1/namespaces/other/pods/foo")));
        assertEquals("patch||v1|other|pods||foo", describe(RequestAttributes.of("PATCH", "/api/v1/namespaces/other/pods/foo")));
        assertEquals("delete||v1|other|pods||foo", describe(RequestAttributes.of("DELETE", "/api/v1/namespaces/other/pods/foo")));
        assertEquals("deletecollection||v1|other|pods||", describe(RequestAttributes.of("DELETE", "/api/v1/namespaces/other/pods")));
        assertEquals("create|apps|v1|ns|deployments||", describe(RequestAttributes.of("POST", "/apis/apps/v1/namespaces/ns/deployments?dryRun=All")));
    }

    @Test
    void subresourcesNamespacesAndClusterScope() {
        RequestAttributes log = RequestAttributes.of("GET", "/api/v1/namespaces/NS/pods/NAME/log?container=c");
        assertEquals("get||v1|NS|pods|log|NAME", describe(log));
        assertEquals("pods/log", log.combinedResource());
        assertEquals("create||v1|ns|pods|exec|p", describe(RequestAttributes.of("POST", "/api/v1/namespaces/ns/pods/p/exec?command=ls")));
        assertEquals("update|apps|v1|ns|deployments|status|d", describe(RequestAttributes.of("PUT", "/apis/apps/v1/namespaces/ns/deployments/d/status")));
        assertEquals("create||v1|istio-system|serviceaccounts|token|reader",
                describe(RequestAttributes.of("POST", "/api/v1/namespaces/istio-system/serviceaccounts/reader/token")));
        // a namespace is its own namespace; status and finalize are its subresources, not resources inside it
        assertEquals("get||v1|other|namespaces||other", describe(RequestAttributes.of("GET", "/api/v1/namespaces/other")));
        assertEquals("update||v1|other|namespaces|finalize|other", describe(RequestAttributes.of("PUT", "/api/v1/namespaces/other/finalize")));
        assertEquals("list||v1||namespaces||", describe(RequestAttributes.of("GET", "/api/v1/namespaces")));
        assertEquals("get|rbac.authorization.k8s.io|v1||clusterroles||view",
                describe(RequestAttributes.of("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles/view")));
        assertEquals("create|authorization.k8s.io|v1||selfsubjectaccessreviews||",
                describe(RequestAttributes.of("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")));
        // proxy keeps everything after the name as the path it proxies: no subresource
        assertEquals("proxy||v1|ns|pods||p", describe(RequestAttributes.of("GET", "/api/v1/proxy/namespaces/ns/pods/p/healthz")));
    }

    @Test
    void aFieldSelectorOnTheNameNamesTheObject() {
        RequestAttributes one = RequestAttributes.of("GET", "/api/v1/namespaces/ns/secrets?fieldSelector=metadata.name%3Dcacerts&watch=true");
        assertEquals("watch", one.verb());
        assertEquals("cacerts", one.name());
        assertEquals("", RequestAttributes.of("GET", "/api/v1/namespaces/ns/secrets?fieldSelector=metadata.name!%3Dx").name());
        assertEquals("a", RequestAttributes.of("GET", "/api/v1/secrets?fieldSelector=type%3Dt,metadata.name%3D%3Da").name());
    }

    @Test
    void everythingElseIsANonResourceRequest() {
        for (String path : new String[] {"/", "/version", "/healthz", "/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/openapi/v3",
                "/other/v1/pods"}) {
            RequestAttributes a = RequestAttributes.of("GET", path + "?timeout=32s");
            assertFalse(a.resourceRequest(), path);
            assertEquals("get", a.verb(), path);
            assertEquals(path, a.path());
        }
        assertEquals("post", RequestAttributes.of("POST", "/logs").verb());
        assertTrue(RequestAttributes.of("GET", "/api/v1/pods/").resourceRequest());
    }
}
