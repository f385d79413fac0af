package dev.crossmesh.demo.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.MockResponse;

/**
 * {@code /openapi/v2} in the only form client-go reads it: gnostic's {@code openapi.v2.Document} protobuf
 * (kubectl 1.27 and 1.28 explain and apply with it). Written from the JSON document with the field numbers of
 * gnostic's OpenAPIv2.proto; only the parts the demo's JSON document has are written.
 */
final class OpenApiV2Protobuf {
    static final String CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private OpenApiV2Protobuf() {
    }

    static MockResponse answer(Map<String, Object> document) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", CONTENT_TYPE).setBody(document(document));
    }

    static byte[] document(Map<String, Object> doc) {
        Writer w = new Writer();
        w.string(1, (String) doc.get("swagger"));
        Map<String, Object> info = Json.object(doc.get("info"));
        if (info != null) {
            w.message(2, new Writer().string(1, (String) info.get("title")).string(2, (String) info.get("version")));
        }
        Writer paths = new Writer();
        Map<String, Object> pathMap = Json.object(doc.get("paths"));
        if (pathMap != null) {
            pathMap.forEach((path, item) -> paths.message(2, new Writer().string(1, path).message(2, pathItem(Json.object(item)))));
        }
        w.message(8, paths);
        Writer definitions = new Writer();
        Map<String, Object> defs = Json.object(doc.get("definitions"));
        if (defs != null) {
            defs.forEach((name, schema) -> definitions.message(1, new Writer().string(1, name).message(2, schema(Json.object(schema)))));
        }
        w.message(9, definitions);
        return w.bytes();
    }

    private static Writer pathItem(Map<String, Object> item) {
        Writer w = new Writer();
        Map<String, Object> patch = Json.object(item.get("patch"));
        if (patch != null) {
            Writer operation = new Writer();
            List<Object> parameters = Json.list(patch.get("parameters"));
            for (Object p : parameters == null ? List.of() : parameters) {
                Writer query = new Writer().string(2, Json.string(p, "in")).string(4, Json.string(p, "name")).string(6, Json.string(p, "type"));
                if (Boolean.TRUE.equals(Json.at(p, "uniqueItems"))) {
                    query.bool(20, true);
                }
                operation.message(8, new Writer().message(1, new Writer().message(2, new Writer().message(3, query))));
            }
            extensions(operation, 13, patch);
            w.message(8, operation);
        }
        return w;
    }

    private static Writer schema(Map<String, Object> s) {
        Writer w = new Writer();
        if (s == null) {
            return w;
        }
        w.string(1, (String) s.get("$ref"));
        w.string(2, s.get("format") instanceof String f ? f : null);
        w.string(4, s.get("description") instanceof String d ? d : null);
        List<Object> required = Json.list(s.get("required"));
        for (Object r : required == null ? List.of() : required) {
            w.string(19, String.valueOf(r));
        }
        if (s.get("additionalProperties") instanceof Map<?, ?> additional) {
            w.message(21, new Writer().message(1, schema(Json.object(additional))));
        }
        if (s.get("type") instanceof String type) {
            w.message(22, new Writer().string(1, type));
        }
        if (s.get("items") instanceof Map<?, ?> items) {
            w.message(23, new Writer().message(1, schema(Json.object(items))));
        }
        List<Object> allOf = Json.list(s.get("allOf"));
        for (Object a : allOf == null ? List.of() : allOf) {
            w.message(24, schema(Json.object(a)));
        }
        Map<String, Object> properties = Json.object(s.get("properties"));
        if (properties != null) {
            Writer p = new Writer();
            properties.forEach((name, value) -> p.message(1, new Writer().string(1, name).message(2, schema(Json.object(value)))));
            w.message(25, p);
        }
        extensions(w, 31, s);
        return w;
    }

    /** {@code x-} keys as NamedAny, their values as YAML (JSON is YAML). */
    private static void extensions(Writer w, int field, Map<String, Object> s) {
        s.forEach((key, value) -> {
            if (key.startsWith("x-")) {
                w.message(field, new Writer().string(1, key).message(2, new Writer().string(2, Json.text(value))));
            }
        });
    }

    /** Protobuf's wire format, for the few field kinds a document has. */
    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer string(int field, String value) {
            if (value != null) {
                bytes(field, value.getBytes(StandardCharsets.UTF_8));
            }
            return this;
        }

        Writer bool(int field, boolean value) {
            varint((long) field << 3);
            varint(value ? 1 : 0);
            return this;
        }

        Writer message(int field, Writer message) {
            bytes(field, message.bytes());
            return this;
        }

        private void bytes(int field, byte[] value) {
            varint(((long) field << 3) | 2);
            varint(value.length);
            out.writeBytes(value);
        }

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
