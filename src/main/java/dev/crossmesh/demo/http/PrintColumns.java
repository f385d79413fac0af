package dev.crossmesh.demo.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.Json;

/**
 * The columns kube-apiserver prints for a kind (its printers in pkg/printers/internalversion), for the kinds a
 * trainer looks at; a custom resource's additionalPrinterColumns; NAME and AGE for the rest. Priority 1 columns are
 * those {@code -o wide} adds.
 */
final class PrintColumns {
    /** One column: its definition and how to compute a cell from an object at a time. */
    record Column(String name, String type, String format, int priority, String description, BiFunction<Map<String, Object>, Instant, Object> cell) {
        Map<String, Object> definition() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name);
            d.put("type", type);
            d.put("format", format);
            d.put("description", description);
            d.put("priority", priority);
            return d;
        }
    }

    private static final String NONE = "<none>";

    private PrintColumns() {
    }

    static List<Column> of(ResourceType type) {
        if (!type.builtIn()) {
            return custom(type);
        }
        List<Column> c = new ArrayList<>();
        c.add(name());
        switch (type.groupResource()) {
            case "pods" -> {
                c.add(col("Ready", "string", 0, "The aggregate readiness state of this pod for accepting traffic.", PrintColumns::podReady));
                c.add(col("Status", "string", 0, "The aggregate status of the containers in this pod.", PrintColumns::podStatus));
                c.add(col("Restarts", "string", 0, "The number of times the containers in this pod have been restarted.",
                        (o, now) -> String.valueOf(list(o, "status", "containerStatuses").stream()
                                .mapToLong(s -> Json.at(s, "restartCount") instanceof Number n ? n.longValue() : 0).sum())));
                c.add(age());
                c.add(col("IP", "string", 1, "The IP address assigned to the pod.", (o, now) -> orNone(Json.string(o, "status", "podIP"))));
                c.add(col("Node", "string", 1, "The node the pod is assigned to.", (o, now) -> orNone(Json.string(o, "spec", "nodeName"))));
                c.add(col("Nominated Node", "string", 1, "The node the pod is nominated to.",
                        (o, now) -> orNone(Json.string(o, "status", "nominatedNodeName"))));
                c.add(col("Readiness Gates", "string", 1, "The readiness gates of the pod.", (o, now) -> NONE));
            }
            case "services" -> {
                c.add(col("Type", "string", 0, "The type of the service.", (o, now) -> orDefault(Json.string(o, "spec", "type"), "ClusterIP")));
                c.add(col("Cluster-IP", "string", 0, "The cluster IP of the service.", (o, now) -> orNone(Json.string(o, "spec", "clusterIP"))));
                c.add(col("External-IP", "string", 0, "The external IP of the service.", PrintColumns::externalIp));
                c.add(col("Port(s)", "string", 0, "The ports of the service.", PrintColumns::servicePorts));
                c.add(age());
                c.add(col("Selector", "string", 1, "The selector of the service.", (o, now) -> labels(Json.object(Json.at(o, "spec", "selector")))));
            }
            case "deployments.apps" -> {
                c.add(col("Ready", "string", 0, "Ready replicas out of desired.", (o, now) -> number(o, "status", "readyReplicas") + "/"
                        + (Json.at(o, "spec", "replicas") == null ? 1 : number(o, "spec", "replicas"))));
                c.add(col("Up-to-date", "integer", 0, "Replicas updated to the desired state.", (o, now) -> number(o, "status", "updatedReplicas")));
                c.add(col("Available", "integer", 0, "Replicas available to users.", (o, now) -> number(o, "status", "availableReplicas")));
                c.add(age());
                workloadWide(c);
            }
            case "replicasets.apps" -> {
                c.add(col("Desired", "integer", 0, "Desired replicas.", (o, now) -> number(o, "spec", "replicas")));
                c.add(col("Current", "integer", 0, "Current replicas.", (o, now) -> number(o, "status", "replicas")));
                c.add(col("Ready", "integer", 0, "Ready replicas.", (o, now) -> number(o, "status", "readyReplicas")));
                c.add(age());
                workloadWide(c);
            }
            case "statefulsets.apps" -> {
                c.add(col("Ready", "string", 0, "Ready replicas out of desired.", (o, now) -> number(o, "status", "readyReplicas") + "/"
                        + number(o, "spec", "replicas")));
                c.add(age());
                c.add(col("Containers", "string", 1, "The containers of the pod template.", PrintColumns::containerNames));
                c.add(col("Images", "string", 1, "The images of the pod template.", PrintColumns::images));
            }
            case "daemonsets.apps" -> {
                c.add(col("Desired", "integer", 0, "Desired pods.", (o, now) -> number(o, "status", "desiredNumberScheduled")));
                c.add(col("Current", "integer", 0, "Scheduled pods.", (o, now) -> number(o, "status", "currentNumberScheduled")));
                c.add(col("Ready", "integer", 0, "Ready pods.", (o, now) -> number(o, "status", "numberReady")));
                c.add(col("Up-to-date", "integer", 0, "Updated pods.", (o, now) -> number(o, "status", "updatedNumberScheduled")));
                c.add(col("Available", "integer", 0, "Available pods.", (o, now) -> number(o, "status", "numberAvailable")));
                c.add(col("Node Selector", "string", 0, "The node selector of the pod template.",
                        (o, now) -> labels(Json.object(Json.at(o, "spec", "template", "spec", "nodeSelector")))));
                c.add(age());
                workloadWide(c);
            }
            case "secrets" -> {
                c.add(col("Type", "string", 0, "The type of the secret.", (o, now) -> orDefault(Json.string(o, "type"), "Opaque")));
                c.add(col("Data", "integer", 0, "The number of keys in the secret.", (o, now) -> size(o, "data")));
                c.add(age());
            }
            case "configmaps" -> {
                c.add(col("Data", "integer", 0, "The number of keys in the config map.", (o, now) -> size(o, "data") + size(o, "binaryData")));
                c.add(age());
            }
            case "serviceaccounts" -> {
                c.add(col("Secrets", "string", 0, "The number of secrets of the service account.", (o, now) -> list(o, "secrets").size()));
                c.add(age());
            }
            case "endpoints" -> {
                c.add(col("Endpoints", "string", 0, "The endpoints.", PrintColumns::endpoints));
                c.add(age());
            }
            case "namespaces" -> {
                c.add(col("Status", "string", 0, "The status of the namespace.", (o, now) -> orDefault(Json.string(o, "status", "phase"), "Active")));
                c.add(age());
            }
            case "nodes" -> {
                c.add(col("Status", "string", 0, "The status of the node.", PrintColumns::nodeStatus));
                c.add(col("Roles", "string", 0, "The roles of the node.", PrintColumns::nodeRoles));
                c.add(age());
                c.add(col("Version", "string", 0, "The kubelet version of the node.", (o, now) -> orDefault(Json.string(o, "status", "nodeInfo",
                        "kubeletVersion"), "")));
                c.add(col("Internal-IP", "string", 1, "The internal IP of the node.", (o, now) -> nodeAddress(o, "InternalIP")));
                c.add(col("External-IP", "string", 1, "The external IP of the node.", (o, now) -> nodeAddress(o, "ExternalIP")));
                c.add(col("OS-Image", "string", 1, "The OS image of the node.", (o, now) -> orDefault(Json.string(o, "status", "nodeInfo", "osImage"),
                        "<unknown>")));
                c.add(col("Kernel-Version", "string", 1, "The kernel version of the node.", (o, now) -> orDefault(Json.string(o, "status", "nodeInfo",
                        "kernelVersion"), "<unknown>")));
                c.add(col("Container-Runtime", "string", 1, "The container runtime of the node.", (o, now) -> orDefault(Json.string(o, "status",
                        "nodeInfo", "containerRuntimeVersion"), "<unknown>")));
            }
            case "events" -> {
                c.clear();
                c.add(col("Last Seen", "string", 0, "When the event was last seen.", (o, now) -> Ages.since(lastSeen(o), now)));
                c.add(col("Type", "string", 0, "The type of the event.", (o, now) -> orDefault(Json.string(o, "type"), "")));
                c.add(col("Reason", "string", 0, "The reason of the event.", (o, now) -> orDefault(Json.string(o, "reason"), "")));
                c.add(col("Object", "string", 0, "The object the event is about.", (o, now) -> involved(o)));
                c.add(col("Message", "string", 0, "The message of the event.", (o, now) -> orDefault(Json.string(o, "message"), "")));
                c.add(col("Count", "string", 1, "How many times the event was seen.", (o, now) -> String.valueOf(number(o, "count"))));
                c.add(name(1));
            }
            case "customresourcedefinitions.apiextensions.k8s.io" -> c.add(col("Created At", "date", 0, "When the object was created.",
                    (o, now) -> orDefault(Json.string(o, "metadata", "creationTimestamp"), "")));
            default -> c.add(age());
        }
        return c;
    }

    private static List<Column> custom(ResourceType type) {
        List<Column> c = new ArrayList<>();
        c.add(name());
        if (type.printerColumns().isEmpty()) {
            c.add(age());
            return c;
        }
        for (ResourceType.PrinterColumn p : type.printerColumns()) {
            c.add(new Column(p.name(), p.type(), "", p.priority(), p.description(), (o, now) -> {
                Object value = JsonPaths.first(o, p.jsonPath());
                if (value == null) {
                    return null;
                }
                if (p.type().equals("date") && value instanceof String s) {
                    return Ages.since(s, now);
                }
                return value instanceof Map || value instanceof List ? Json.text(value) : value;
            }));
        }
        return c;
    }

    private static void workloadWide(List<Column> c) {
        c.add(col("Containers", "string", 1, "The containers of the pod template.", PrintColumns::containerNames));
        c.add(col("Images", "string", 1, "The images of the pod template.", PrintColumns::images));
        c.add(col("Selector", "string", 1, "The label selector.", (o, now) -> labels(Json.object(Json.at(o, "spec", "selector", "matchLabels")))));
    }

    private static Column name() {
        return name(0);
    }

    private static Column name(int priority) {
        return new Column("Name", "string", "name", priority, "Name must be unique within a namespace.",
                (o, now) -> orDefault(Json.string(o, "metadata", "name"), ""));
    }

    private static Column age() {
        return new Column("Age", "string", "", 0, "When the object was created, as an age.",
                (o, now) -> Ages.since(Json.string(o, "metadata", "creationTimestamp"), now));
    }

    private static Column col(String name, String type, int priority, String description, BiFunction<Map<String, Object>, Instant, Object> cell) {
        return new Column(name, type, "", priority, description, cell);
    }

    private static String podReady(Map<String, Object> o, Instant now) {
        long ready = list(o, "status", "containerStatuses").stream().filter(s -> Boolean.TRUE.equals(Json.at(s, "ready"))).count();
        return ready + "/" + list(o, "spec", "containers").size();
    }

    private static String podStatus(Map<String, Object> o, Instant now) {
        if (Json.string(o, "metadata", "deletionTimestamp") != null) {
            return "Terminating";
        }
        String reason = orDefault(Json.string(o, "status", "reason"), orDefault(Json.string(o, "status", "phase"), "Pending"));
        for (Object s : list(o, "status", "containerStatuses")) {
            String waiting = Json.string(s, "state", "waiting", "reason");
            String terminated = Json.string(s, "state", "terminated", "reason");
            if (waiting != null && !waiting.isEmpty()) {
                reason = waiting;
            } else if (terminated != null && !terminated.isEmpty()) {
                reason = terminated;
            }
        }
        return reason;
    }

    private static String externalIp(Map<String, Object> o, Instant now) {
        String type = orDefault(Json.string(o, "spec", "type"), "ClusterIP");
        List<String> ips = new ArrayList<>(list(o, "spec", "externalIPs").stream().map(String::valueOf).toList());
        switch (type) {
            case "LoadBalancer" -> {
                for (Object ingress : list(o, "status", "loadBalancer", "ingress")) {
                    String ip = Json.string(ingress, "ip");
                    ips.add(ip != null ? ip : orDefault(Json.string(ingress, "hostname"), ""));
                }
                return ips.isEmpty() ? "<pending>" : String.join(",", ips);
            }
            case "ExternalName" -> {
                return orNone(Json.string(o, "spec", "externalName"));
            }
            default -> {
                return ips.isEmpty() ? NONE : String.join(",", ips);
            }
        }
    }

    private static String servicePorts(Map<String, Object> o, Instant now) {
        List<String> ports = new ArrayList<>();
        for (Object p : list(o, "spec", "ports")) {
            Object nodePort = Json.at(p, "nodePort");
            ports.add(Json.at(p, "port") + (nodePort == null ? "" : ":" + nodePort) + "/" + orDefault(Json.string(p, "protocol"), "TCP"));
        }
        return ports.isEmpty() ? NONE : String.join(",", ports);
    }

    private static String containerNames(Map<String, Object> o, Instant now) {
        return list(o, "spec", "template", "spec", "containers").stream().map(c -> Json.string(c, "name")).filter(Objects::nonNull)
                .collect(Collectors.joining(","));
    }

    private static String images(Map<String, Object> o, Instant now) {
        return list(o, "spec", "template", "spec", "containers").stream().map(c -> Json.string(c, "image")).filter(Objects::nonNull)
                .collect(Collectors.joining(","));
    }

    private static String endpoints(Map<String, Object> o, Instant now) {
        List<String> all = new ArrayList<>();
        for (Object subset : list(o, "subsets")) {
            for (Object address : Json.list(Json.at(subset, "addresses")) == null ? List.of() : Json.list(Json.at(subset, "addresses"))) {
                List<Object> ports = Json.list(Json.at(subset, "ports"));
                if (ports == null || ports.isEmpty()) {
                    all.add(Json.string(address, "ip"));
                } else {
                    ports.forEach(p -> all.add(Json.string(address, "ip") + ":" + Json.at(p, "port")));
                }
            }
        }
        if (all.isEmpty()) {
            return NONE;
        }
        String shown = String.join(",", all.subList(0, Math.min(3, all.size())));
        return all.size() > 3 ? shown + " + " + (all.size() - 3) + " more..." : shown;
    }

    private static String nodeStatus(Map<String, Object> o, Instant now) {
        String ready = "Unknown";
        for (Object condition : list(o, "status", "conditions")) {
            if ("Ready".equals(Json.string(condition, "type"))) {
                ready = "True".equals(Json.string(condition, "status")) ? "Ready" : "NotReady";
            }
        }
        return Boolean.TRUE.equals(Json.at(o, "spec", "unschedulable")) ? ready + ",SchedulingDisabled" : ready;
    }

    private static String nodeRoles(Map<String, Object> o, Instant now) {
        Map<String, Object> labels = Json.object(Json.at(o, "metadata", "labels"));
        if (labels == null) {
            return NONE;
        }
        List<String> roles = labels.keySet().stream().filter(k -> k.startsWith("node-role.kubernetes.io/"))
                .map(k -> k.substring("node-role.kubernetes.io/".length())).filter(r -> !r.isEmpty()).sorted().toList();
        return roles.isEmpty() ? NONE : String.join(",", roles);
    }

    private static String nodeAddress(Map<String, Object> o, String type) {
        return list(o, "status", "addresses").stream().filter(a -> type.equals(Json.string(a, "type"))).map(a -> Json.string(a, "address"))
                .filter(Objects::nonNull).findFirst().orElse(NONE);
    }

    private static String lastSeen(Map<String, Object> o) {
        for (String[] field : List.of(new String[] {"lastTimestamp"}, new String[] {"eventTime"}, new String[] {"series", "lastObservedTime"},
                new String[] {"firstTimestamp"}, new String[] {"metadata", "creationTimestamp"})) {
            String value = Json.string(o, field);
            if (value != null && !value.isEmpty()) {
                return value.length() > 20 && value.contains(".") ? value.replaceAll("\\.\\d+", "") : value;
            }
        }
        return null;
    }

    private static String involved(Map<String, Object> o) {
        String kind = orDefault(Json.string(o, "involvedObject", "kind"), "");
        String name = orDefault(Json.string(o, "involvedObject", "name"), "");
        return kind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }

    private static String labels(Map<String, Object> labels) {
        if (labels == null || labels.isEmpty()) {
            return NONE;
        }
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(","));
    }

    private static List<Object> list(Object o, String... keys) {
        List<Object> l = Json.list(Json.at(o, keys));
        return l == null ? List.of() : l;
    }

    private static long number(Object o, String... keys) {
        return Json.at(o, keys) instanceof Number n ? n.longValue() : 0;
    }

    private static int size(Object o, String key) {
        Map<String, Object> m = Json.object(Json.at(o, key));
        return m == null ? 0 : m.size();
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
