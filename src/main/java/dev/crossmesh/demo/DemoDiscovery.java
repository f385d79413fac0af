package dev.crossmesh.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.http.ServedTypes;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The API server's discovery documents ({@code /version}, {@code /api}, {@code /apis}, {@code /api/v1},
 * {@code /apis/GROUP/VERSION}) for the resources a demo cluster serves. The CRUD mock answers these paths with
 * whatever it stores, which kubectl cannot read; with them, {@code kubectl get pods -A} works on a demo cluster.
 */
final class DemoDiscovery {
    private static final List<String> READ_WRITE_STATUS = List.of("get", "patch", "update");

    /** Built-in group versions, with the resources crossmesh, istioctl and a curious user touch. */
    private static final Map<String, List<ResourceType>> BUILT_IN = new LinkedHashMap<>();

    static {
        for (ResourceType type : BuiltInResources.all()) {
            BUILT_IN.computeIfAbsent(type.apiVersion(), k -> new ArrayList<>()).add(type);
        }
    }

    /** The 404 Status for a group the cluster does not serve. */
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
                List<ResourceType> custom = customResources(groupVersion, crds.get());
                if (!custom.isEmpty()) {
                    return Optional.of(json(resourceList(groupVersion, custom)));
                }
            }
        }
        return Optional.empty();
    }

    private static List<ResourceType> customResources(String groupVersion, List<CustomResourceDefinition> crds) {
        return ServedTypes.of(crds).stream().filter(t -> !t.builtIn() && t.apiVersion().equals(groupVersion)).toList();
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

    private static Map<String, Object> resourceList(String groupVersion, List<ResourceType> resources) {
        List<Object> list = new ArrayList<>();
        for (ResourceType r : resources) {
            Map<String, Object> entry = map("name", r.plural(), "singularName", r.singular(), "namespaced", r.namespaced(), "kind", r.kind(),
                    "verbs", r.verbs());
            if (!r.shortNames().isEmpty()) {
                entry.put("shortNames", r.shortNames());
            }
            if (!r.categories().isEmpty()) {
                entry.put("categories", r.categories());
            }
            list.add(entry);
            if (r.status()) {
                list.add(map("name", r.plural() + "/status", "singularName", "", "namespaced", r.namespaced(), "kind", r.kind(),
                        "verbs", READ_WRITE_STATUS));
            }
            if (r.scale()) {
                list.add(map("name", r.plural() + "/scale", "singularName", "", "namespaced", r.namespaced(), "group", "autoscaling",
                        "version", "v1", "kind", "Scale", "verbs", READ_WRITE_STATUS));
            }
            if (r.builtIn() && r.plural().equals("pods")) {
                list.add(map("name", "pods/log", "singularName", "", "namespaced", true, "kind", "Pod", "verbs", List.of("get")));
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
