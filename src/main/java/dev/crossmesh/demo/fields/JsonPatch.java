package dev.crossmesh.demo.fields;

import io.fabric8.zjsonpatch.JsonPatchException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** JSON patch (RFC 6902), through fabric8's zjsonpatch. */
public final class JsonPatch {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonPatch() {
    }

    /** @throws IllegalArgumentException naming the operation that does not apply (a missing path, a failed test) */
    public static Object apply(Object target, Object patch) {
        if (Json.list(patch) == null) {
            throw new IllegalArgumentException("a JSON patch must be a list of operations");
        }
        try {
            JsonNode result = io.fabric8.zjsonpatch.JsonPatch.apply(MAPPER.valueToTree(patch), MAPPER.valueToTree(target));
            return Json.parse(MAPPER.writeValueAsBytes(result));
        } catch (JsonPatchException | tools.jackson.core.JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
