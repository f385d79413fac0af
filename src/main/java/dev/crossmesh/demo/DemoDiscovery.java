package dev.crossmesh.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The API server's discovery documents ({@code /version}, {@code /api}, {@code /apis}, {@code /api/v1},
 * {@code /apis/GROUP/VERSION}) for the resources a demo cluster serves. The CRUD mock answers these paths with
 * whatever it stores, which kubectl cannot read; with them, {@code kubectl get pods -A} works on a demo cluster.
 */
final class DemoDiscovery {
    private static final List<String> ALL = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> READ_WRITE_STATUS = List.of("get", "patch", "update");

    private record Resource(String name, String kind, boolean namespaced, List<String> shortNames, boolean status) {
    }

    /** Built-in group versions, with the resources crossmesh, istioctl and a curious user touch. */
    private static final Map<String, List<Resource>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("v1", List.of(
                new Resource("namespaces", "Namespace", false, List.of("ns"), true),
                new Resource("nodes", "Node", false, List.of("no"), true),
                new Resource("pods", "Pod", true, List.of("po"), true),
                new Resource("services", "Service", true, List.of("svc"), true),
                new Resource("endpoints", "Endpoints", true, List.of("ep"), false),
                new Resource("secrets", "Secret", true, List.of(), false),
                new Resource("configmaps", "ConfigMap", true, List.of("cm"), false),
                new Resource("serviceaccounts", "ServiceAccount", true, List.of("sa"), false),
                new Resource("events", "Event", true, List.of("ev"), false)));
        BUILT_IN.put("apps/v1", List.of(
                new Resource("deployments", "Deployment", true, List.of("deploy"), true),
                new Resource("replicasets", "ReplicaSet", true, List.of("rs"), true),
                new Resource("statefulsets", "StatefulSet", true, List.of("sts"), true),
                new Resource("daemonsets", "DaemonSet", true, List.of("ds"), true)));
        BUILT_IN.put("rbac.authorization.k8s.io/v1", List.of(
                new Resource("clusterroles", "ClusterRole", false, List.of(), false),
                new Resource("clusterrolebindings", "ClusterRoleBinding", false, List.of(), false),
                new Resource("roles", "Role", true, List.of(), false),
                new Resource("rolebindings", "RoleBinding", true, List.of(), false)));
        BUILT_IN.put("apiextensions.k8s.io/v1", List.of(
                new Resource("customresourcedefinitions", "CustomResourceDefinition", false, List.of("crd", "crds"), true)));
        BUILT_IN.put("authorization.k8s.io/v1", List.of(
                new Resource("selfsubjectaccessreviews", "SelfSubjectAccessReview", false, List.of(), false)));
    }

    /** What a server without OpenAPI v2 answers. */
    static final String NOT_FOUND = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";

    private DemoDiscovery() {
    }

    /**
     * The discovery answer for a GET path, or empty when the path is not a discovery path (or is a custom resource
     * group the mock answers itself).
     *
     * @param crds the CRDs the cluster has now
     */
    static Optional<String> answer(String path, String versionJson, String serverAddress,
            java.util.function.Supplier<List<CustomResourceDefinition>> crds) {
        String p = path.split("\\?")[0];
        if (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/openapi/v2")) {
            return Optional.of(NOT_FOUND);
        }
        if (p.equals("/openapi/v3")) {
            Map<String, Object> paths = new LinkedHashMap<>();
            for (String gv : groupVersions(crds.get())) {
                String key = gv.equals("v1") ? "api/v1" : "apis/" + gv;
                paths.put(key, map("serverRelativeURL", "/openapi/v3/" + key + "?hash=demo"));
            }
            return Optional.of(json(map("paths", paths)));
        }
        if (p.startsWith("/openapi/v3/")) {
            String key = p.substring("/openapi/v3/".length());
            String gv = key.equals("api/v1") ? "v1" : key.startsWith("apis/") ? key.substring("apis/".length()) : "";
            List<Resource> resources = BUILT_IN.containsKey(gv) ? BUILT_IN.get(gv) : gv.contains("/") ? customResources(gv, crds.get()) : List.of();
            if (resources.isEmpty()) {
                return Optional.of(NOT_FOUND);
            }
            return Optional.of(json(openApi(gv, resources)));
        }
        if (p.equals("/version")) {
            return Optional.of(versionJson);
        }
        if (p.equals("/api")) {
            return Optional.of(json(map("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of(map("clientCIDR", "0.0.0.0/0", "serverAddress", serverAddress)))));
        }
        if (p.equals("/apis")) {
            return Optional.of(json(groupList(crds.get())));
        }
        if (p.equals("/api/v1")) {
            return Optional.of(json(resourceList("v1", BUILT_IN.get("v1"))));
        }
        if (p.startsWith("/apis/") && p.indexOf('/', "/apis/".length()) < 0) {
            String name = p.substring("/apis/".length());
            List<?> groups = (List<?>) groupList(crds.get()).get("groups");
            return groups.stream().map(g -> (Map<?, ?>) g).filter(g -> name.equals(g.get("name"))).findFirst()
                    .map(g -> {
                        Map<String, Object> group = new LinkedHashMap<>();
                        group.put("kind", "APIGroup");
                        group.put("apiVersion", "v1");
                        g.forEach((k, v) -> group.put((String) k, v));
                        return json(group);
                    }).or(() -> Optional.of(NOT_FOUND));
        }
        if (p.startsWith("/apis/")) {
            String groupVersion = p.substring("/apis/".length());
            if (groupVersion.chars().filter(c -> c == '/').count() == 1) {
                if (BUILT_IN.containsKey(groupVersion)) {
                    return Optional.of(json(resourceList(groupVersion, BUILT_IN.get(groupVersion))));
                }
                List<Resource> custom = customResources(groupVersion, crds.get());
                if (!custom.isEmpty()) {
                    return Optional.of(json(resourceList(groupVersion, custom)));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> groupVersions(List<CustomResourceDefinition> crds) {
        List<String> all = new ArrayList<>(BUILT_IN.keySet());
        for (CustomResourceDefinition crd : crds) {
            if (crd.getSpec() != null && crd.getSpec().getVersions() != null) {
                crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getServed()))
                        .map(v -> crd.getSpec().getGroup() + "/" + v.getName()).filter(gv -> !all.contains(gv)).forEach(all::add);
            }
        }
        return all;
    }

    /**
     * An OpenAPI v3 document that accepts any object of the group version's kinds: enough for kubectl's client-side
     * validation to pass (the demo checks nothing a real API server would reject on schema grounds).
     */
    private static Map<String, Object> openApi(String groupVersion, List<Resource> resources) {
        String group = groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
        String version = groupVersion.contains("/") ? groupVersion.substring(groupVersion.indexOf('/') + 1) : groupVersion;
        Map<String, Object> schemas = new LinkedHashMap<>();
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Resource r : resources) {
            // a PATCH that takes fieldValidation tells kubectl the server validates, so it need not download schemas
            Map<String, Object> gvk = map("group", group, "version", version, "kind", r.kind());
            Map<String, Object> patch = map("x-kubernetes-group-version-kind", gvk, "parameters",
                    List.of(map("name", "fieldValidation", "in", "query", "schema", map("type", "string"))));
            String base = (group.isEmpty() ? "/api/v1" : "/apis/" + groupVersion) + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.name();
            paths.put(base + "/{name}", map("patch", patch));
            schemas.put("dev.crossmesh.demo." + (group.isEmpty() ? "core" : group) + "." + version + "." + r.kind(), map("type", "object",
                    "x-kubernetes-preserve-unknown-fields", true,
                    "x-kubernetes-group-version-kind", List.of(map("group", group, "version", version, "kind", r.kind()))));
        }
        return map("openapi", "3.0.0", "info", map("title", "crossmesh demo cluster", "version", DemoApiServer.DEFAULT_KUBERNETES_VERSION),
                "paths", paths, "components", map("schemas", schemas));
    }

    private static List<Resource> customResources(String groupVersion, List<CustomResourceDefinition> crds) {
        String group = groupVersion.substring(0, groupVersion.indexOf('/'));
        String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
        List<Resource> resources = new ArrayList<>();
        for (CustomResourceDefinition crd : crds) {
            var spec = crd.getSpec();
            if (spec == null || !group.equals(spec.getGroup()) || spec.getVersions() == null) {
                continue;
            }
            spec.getVersions().stream().filter(v -> version.equals(v.getName()) && Boolean.TRUE.equals(v.getServed())).findFirst()
                    .ifPresent(v -> resources.add(new Resource(spec.getNames().getPlural(), spec.getNames().getKind(),
                            "Namespaced".equals(spec.getScope()),
                            spec.getNames().getShortNames() == null ? List.of() : spec.getNames().getShortNames(),
                            v.getSubresources() != null && v.getSubresources().getStatus() != null)));
        }
        return resources;
    }

    private static Map<String, Object> groupList(List<CustomResourceDefinition> crds) {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (String gv : BUILT_IN.keySet()) {
            if (gv.contains("/")) {
                versions.computeIfAbsent(gv.substring(0, gv.indexOf('/')), k -> new ArrayList<>()).add(gv.substring(gv.indexOf('/') + 1));
            }
        }
        Map<String, List<String>> custom = new TreeMap<>();
        for (CustomResourceDefinition crd : crds) {
            if (crd.getSpec() == null || crd.getSpec().getVersions() == null) {
                continue;
            }
            List<String> served = custom.computeIfAbsent(crd.getSpec().getGroup(), k -> new ArrayList<>());
            // the storage version first: clients take the first as preferred
            crd.getSpec().getVersions().stream().sorted((a, b) -> Boolean.compare(Boolean.TRUE.equals(b.getStorage()), Boolean.TRUE.equals(a.getStorage())))
                    .filter(v -> Boolean.TRUE.equals(v.getServed())).map(CustomResourceDefinitionVersion::getName)
                    .filter(v -> !served.contains(v)).forEach(served::add);
        }
        versions.putAll(custom);
        List<Object> groups = new ArrayList<>();
        versions.forEach((group, list) -> {
            List<Object> vs = list.stream().<Object>map(v -> map("groupVersion", group + "/" + v, "version", v)).toList();
            groups.add(map("name", group, "versions", vs, "preferredVersion", vs.get(0)));
        });
        return map("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
    }

    private static Map<String, Object> resourceList(String groupVersion, List<Resource> resources) {
        List<Object> list = new ArrayList<>();
        for (Resource r : resources) {
            Map<String, Object> entry = map("name", r.name(), "singularName", r.kind().toLowerCase(java.util.Locale.ROOT),
                    "namespaced", r.namespaced(), "kind", r.kind(), "verbs", r.name().endsWith("accessreviews") ? List.of("create") : ALL);
            if (!r.shortNames().isEmpty()) {
                entry.put("shortNames", r.shortNames());
            }
            list.add(entry);
            if (r.status()) {
                list.add(map("name", r.name() + "/status", "singularName", "", "namespaced", r.namespaced(), "kind", r.kind(),
                        "verbs", READ_WRITE_STATUS));
            }
        }
        return map("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion, "resources", list);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static String json(Object value) {
        return Serialization.asJson(value);
    }
}
