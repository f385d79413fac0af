package dev.crossmesh.demo.semantics;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.crossmesh.demo.apiserver.ApiStatus;
import dev.crossmesh.demo.fields.Json;

/** The names kube-apiserver accepts for a new object, with its words for those it refuses (422 Invalid). */
public final class ObjectNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    /** Core resources whose names are DNS labels (they become DNS names or path parts of one). */
    private static final Set<String> LABEL_NAMED = Set.of("namespaces");

    private ObjectNames() {
    }

    /**
     * Why the name of an object about to be created is refused, as the Status body, or empty.
     *
     * @param kind the kind in the message, {@code ConfigMap}, {@code Deployment.apps}
     */
    public static Optional<Map<String, Object>> refusal(String group, String plural, String kind, Map<String, Object> object) {
        String name = Json.string(object, "metadata", "name");
        if (name == null || name.isEmpty()) {
            if (Json.string(object, "metadata", "generateName") != null) {
                return Optional.empty(); // the store makes the name
            }
            return Optional.of(invalid(kind, "", "metadata.name", "Required value", "name or generateName is required"));
        }
        String why = null;
        if (group.isEmpty() && plural.equals("services")) {
            if (name.length() > 63 || !LABEL_1035.matcher(name).matches()) {
                why = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, "
                        + "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                        + "'[a-z]([-a-z0-9]*[a-z0-9])?')";
            }
        } else if (group.isEmpty() && LABEL_NAMED.contains(plural)) {
            if (name.length() > 63 || !LABEL.matcher(name).matches()) {
                why = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an "
                        + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
            }
        } else if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            why = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                    + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        }
        return why == null ? Optional.empty()
                : Optional.of(invalid(kind, name, "metadata.name", "Invalid value: \"" + name + "\"", why));
    }

    private static Map<String, Object> invalid(String kind, String name, String field, String what, String why) {
        return ApiStatus.body(422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": " + what + ": " + why,
                Map.of("name", name, "kind", kind.split("\\.")[0], "causes", java.util.List.of(Map.of("reason", "FieldValue" + what.split(" ")[0],
                        "message", what + ": " + why, "field", field))));
    }
}
