package dev.crossmesh.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.crossmesh.demo.apiserver.BuiltInResources;
import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.FieldManager;
import dev.crossmesh.demo.fields.FieldManager.ApplyConflict;
import dev.crossmesh.demo.fields.Json;
import dev.crossmesh.demo.fields.JsonPatch;
import dev.crossmesh.demo.fields.MergePatch;
import dev.crossmesh.demo.fields.SchemaType;
import dev.crossmesh.demo.fields.StrategicMergePatch;
import dev.crossmesh.demo.semantics.NamespaceLifecycle;
import dev.crossmesh.demo.semantics.ObjectNames;

/**
 * Writes as kube-apiserver makes them, in front of the CRUD mock: server-side apply, the three other patch types
 * computed here (the mock's merge patch stores nulls and it has no strategic merge), and managedFields recorded for
 * every create, update and patch. Each request becomes the body to store and the method to store it with (POST for a
 * new object, PUT for a changed one), or an answer without any write (a dry run, an unchanged object, an error).
 */
final class OwnedWrites {
    static final String APPLY_PATCH = "application/apply-patch+yaml";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String JSON_PATCH = "application/json-patch+json";
    static final String STRATEGIC_PATCH = "application/strategic-merge-patch+json";
    /** The resources whose PUT creates a missing object (their strategies' AllowCreateOnUpdate); every other answers 404. */
    private static final java.util.Set<String> CREATED_ON_UPDATE = java.util.Set.of("endpoints", "events", "leases", "limitranges");

    /** What to do with a write: store a body (POST to the collection or PUT to the object), or answer now. */
    sealed interface Outcome {
        record Store(String method, String path, Map<String, Object> body) implements Outcome {
        }

        record Answer(int code, Map<String, Object> body) implements Outcome {
        }
    }

    /** A request path split into what it names. */
    record Target(ResourceType type, String namespace, String name, String subresource, String collectionPath, String objectPath) {
    }

    private OwnedWrites() {
    }

    /**
     * The target of a path such as {@code /apis/apps/v1/namespaces/ns/deployments/d/status}, or empty for paths this
     * class leaves to the mock (discovery, reviews, watches, non-resource paths).
     */
    static Optional<Target> target(String path) {
        String p = path.split("\\?")[0];
        String[] parts = p.substring(1).split("/");
        int i;
        String group;
        String version;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            i = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        String namespace = null;
        if (parts.length > i + 2 && parts[i].equals("namespaces")) {
            namespace = parts[i + 1];
            i += 2;
        }
        String plural = parts[i];
        String name = parts.length > i + 1 ? parts[i + 1] : null;
        String subresource = parts.length > i + 2 ? parts[i + 2] : null;
        ResourceType type = BuiltInResources.all().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).findFirst()
                .orElse(new ResourceType(group, version, plural, "", namespace != null, List.of(), List.of(), ResourceType.ALL_VERBS, true, false,
                        SchemaType.Untyped.INSTANCE, null, List.of()));
        if (!BuiltInResources.stored(type) || (subresource != null && !subresource.equals("status"))) {
            return Optional.empty();
        }
        String base = "/" + String.join("/", java.util.Arrays.copyOfRange(parts, 0, i + 1));
        return Optional.of(new Target(type, namespace, name, subresource, base, name == null ? null : base + "/" + name));
    }

    /**
     * @param stored   the object now stored at a path, or null
     * @param manager  the fieldManager parameter, else what kube-apiserver takes from the User-Agent
     */
    static Outcome write(String method, Target target, String contentType, byte[] body, Map<String, String> query, String manager,
            Function<String, Map<String, Object>> stored) {
        FieldManager.Scope scope = "status".equals(target.subresource()) ? FieldManager.Scope.STATUS : target.type().mainScope();
        Map<String, Object> live = target.objectPath() == null ? null : stored.apply(target.objectPath());
        String mediaType = contentType == null ? "application/json" : contentType.split(";")[0].trim();
        Map<String, Object> result;
        try {
            if (method.equals("PATCH") && mediaType.equals(APPLY_PATCH)) {
                if (query.get("fieldManager") == null || query.get("fieldManager").isEmpty()) {
                    return status(400, "BadRequest", "fieldManager is required for apply requests");
                }
                Map<String, Object> config = Json.object(Json.parseYaml(body));
                if (config == null) {
                    return status(400, "BadRequest", "the body of an apply patch must be an object");
                }
                String apiVersion = Json.string(config, "apiVersion");
                FieldManager fm = new FieldManager(target.type().schema(), apiVersion == null ? "" : apiVersion, scope, Instant.now());
                Map<String, Object> applied = Json.copyObject(config);
                if (scope == FieldManager.Scope.MAIN) {
                    applied.remove("status");
                }
                result = fm.apply(live, applied, query.get("fieldManager"), "true".equals(query.get("force")));
            } else {
                Map<String, Object> updated;
                if (method.equals("PATCH")) {
                    if (live == null) {
                        return notFound(target);
                    }
                    Object patch = Json.parse(body);
                    updated = Json.object(switch (mediaType) {
                        case MERGE_PATCH -> MergePatch.apply(live, patch);
                        case JSON_PATCH -> JsonPatch.apply(live, patch);
                        case STRATEGIC_PATCH -> StrategicMergePatch.apply(live, patch, target.type().schema());
                        default -> throw new UnsupportedOperationException(mediaType);
                    });
                } else {
                    updated = Json.object(Json.parse(body));
                }
                if (updated == null) {
                    return status(400, "BadRequest", "the object must be a JSON object");
                }
                // kube-apiserver decodes a body into the type its URL names: a body without apiVersion and kind (as
                // @kubernetes/client-node sends) is that type; one that names another type is refused
                updated.putIfAbsent("apiVersion", target.type().apiVersion());
                updated.putIfAbsent("kind", target.type().kind());
                String name = Json.string(updated, "metadata", "name");
                if (method.equals("POST") && name != null && stored.apply(target.collectionPath() + "/" + name) != null) {
                    Map<String, Object> s = statusBody(409, "AlreadyExists", target.type().describeResource() + " \"" + name + "\" already exists");
                    s.put("details", Map.of("name", name, "kind", target.type().plural()));
                    return new Outcome.Answer(409, s);
                }
                if (method.equals("PUT") && live == null && !CREATED_ON_UPDATE.contains(target.type().plural())) {
                    return notFound(target);
                }
                String sentVersion = Json.string(updated, "metadata", "resourceVersion");
                if (live != null && sentVersion != null && !sentVersion.isEmpty()
                        && !sentVersion.equals(Json.string(live, "metadata", "resourceVersion"))) {
                    Map<String, Object> s = statusBody(409, "Conflict", "Operation cannot be fulfilled on " + target.type().describeResource() + " \""
                            + target.name() + "\": the object has been modified; please apply your changes to the latest version and try again");
                    s.put("details", Map.of("name", target.name(), "kind", target.type().plural()));
                    return new Outcome.Answer(409, s);
                }
                String apiVersion = Json.string(updated, "apiVersion");
                result = new FieldManager(target.type().schema(), apiVersion == null ? "" : apiVersion, scope, Instant.now())
                        .update(method.equals("POST") ? null : live, updated, manager);
            }
        } catch (ApplyConflict e) {
            return conflict(e);
        } catch (UnsupportedOperationException e) {
            return status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                    + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
        } catch (IllegalArgumentException e) {
            return status(422, "Invalid", e.getMessage());
        }
        if (live != null && scope != FieldManager.Scope.WHOLE) {
            keepOtherPart(result, live, scope);
        }
        if (live == null && target.type().builtIn()) {
            Optional<Map<String, Object>> badName = ObjectNames.refusal(target.type().group(), target.type().plural(), target.type().qualifiedKind(), result);
            if (badName.isPresent()) {
                return new Outcome.Answer(422, badName.get());
            }
        }
        if (live == null && target.namespace() != null) {
            Optional<Map<String, Object>> refused = NamespaceLifecycle.refusal(target.namespace(), stored);
            if (refused.isPresent()) {
                return new Outcome.Answer(((Number) refused.get().get("code")).intValue(), refused.get());
            }
        }
        if (live == null && target.type().group().isEmpty() && target.type().plural().equals("namespaces")) {
            NamespaceLifecycle.defaults(result);
        }
        if (live != null && result.equals(live)) {
            return new Outcome.Answer(200, live);
        }
        if ("All".equals(query.get("dryRun"))) {
            return new Outcome.Answer(live == null ? 201 : 200, result);
        }
        if (live == null) {
            return new Outcome.Store("POST", target.collectionPath(), result);
        }
        return new Outcome.Store("PUT", target.objectPath() + ("status".equals(target.subresource()) ? "/status" : ""), result);
    }

    /** The main resource leaves status as it is, /status leaves everything else. */
    private static void keepOtherPart(Map<String, Object> result, Map<String, Object> live, FieldManager.Scope scope) {
        if (scope == FieldManager.Scope.MAIN) {
            if (live.containsKey("status")) {
                result.put("status", Json.copy(live.get("status")));
            } else {
                result.remove("status");
            }
        }
    }

    private static Outcome notFound(Target target) {
        Map<String, Object> s = statusBody(404, "NotFound", target.type().describeResource() + " \"" + target.name() + "\" not found");
        s.put("details", Map.of("name", target.name(), "kind", target.type().plural()));
        return new Outcome.Answer(404, s);
    }

    private static Outcome conflict(ApplyConflict e) {
        Map<String, Object> s = statusBody(409, "Conflict", e.getMessage());
        s.put("details", Map.of("causes", e.conflicts().stream().map(c -> Map.of("reason", "FieldManagerConflict",
                "message", "conflict with " + c.manager(), "field", c.field())).toList()));
        return new Outcome.Answer(409, s);
    }

    static Outcome status(int code, String reason, String message) {
        return new Outcome.Answer(code, statusBody(code, reason, message));
    }

    static Map<String, Object> statusBody(int code, String reason, String message) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.put("metadata", Map.of());
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        s.put("code", code);
        return s;
    }

    /** What kube-apiserver calls a manager that sent no fieldManager: its User-Agent up to the first slash. */
    static String managerFromUserAgent(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        StringBuilder sb = new StringBuilder();
        userAgent.split("/", 2)[0].codePoints().filter(c -> !Character.isISOControl(c)).forEach(sb::appendCodePoint);
        String s = sb.toString();
        s = s.length() > 128 ? s.substring(0, 128) : s;
        return s.isEmpty() ? "unknown" : s;
    }

    static byte[] bytes(Map<String, Object> body) {
        return Json.text(body).getBytes(StandardCharsets.UTF_8);
    }
}
