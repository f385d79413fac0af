package dev.crossmesh.demo.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.fabric8.mockwebserver.http.MockResponse;

/** Denials worded as kube-apiserver words them (responsewriters.Forbidden, apierrors.NewForbidden). */
class ApiAccessTest {
    private static String body(MockResponse response) {
        return new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void forbiddenMessagesAndDetails() {
        AuthenticatedUser reader = RbacAuthorizerTest.READER;
        MockResponse create = ApiAccess.forbidden(reader, RequestAttributes.of("POST", "/api/v1/namespaces/istio-system/secrets"), "");
        assertEquals(403, create.code());
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"secrets is forbidden: "
                + "User \\\"system:serviceaccount:istio-system:istio-reader-service-account\\\" cannot create resource \\\"secrets\\\" in API group "
                + "\\\"\\\" in the namespace \\\"istio-system\\\"\",\"reason\":\"Forbidden\",\"details\":{\"kind\":\"secrets\"},\"code\":403}", body(create));

        MockResponse named = ApiAccess.forbidden(reader, RequestAttributes.of("GET", "/api/v1/namespaces/ns/pods/web-1/log"), "");
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"pods \\\"web-1\\\" is forbidden: "
                + "User \\\"system:serviceaccount:istio-system:istio-reader-service-account\\\" cannot get resource \\\"pods/log\\\" in API group "
                + "\\\"\\\" in the namespace \\\"ns\\\"\",\"reason\":\"Forbidden\",\"details\":{\"name\":\"web-1\",\"kind\":\"pods\"},\"code\":403}", body(named));

        MockResponse cluster = ApiAccess.forbidden(reader, RequestAttributes.of("DELETE", "/apis/rbac.authorization.k8s.io/v1/clusterroles/x"),
                "RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found");
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"clusterroles.rbac.authorization.k8s.io "
                + "\\\"x\\\" is forbidden: User \\\"system:serviceaccount:istio-system:istio-reader-service-account\\\" cannot delete resource "
                + "\\\"clusterroles\\\" in API group \\\"rbac.authorization.k8s.io\\\" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "
                + "\\\"gone\\\" not found\",\"reason\":\"Forbidden\",\"details\":{\"name\":\"x\",\"group\":\"rbac.authorization.k8s.io\","
                + "\"kind\":\"clusterroles\"},\"code\":403}", body(cluster));

        MockResponse path = ApiAccess.forbidden(reader, RequestAttributes.of("GET", "/metrics"), "");
        assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"forbidden: User "
                + "\\\"system:serviceaccount:istio-system:istio-reader-service-account\\\" cannot get path \\\"/metrics\\\"\",\"reason\":\"Forbidden\","
                + "\"details\":{},\"code\":403}", body(path));
    }
}
