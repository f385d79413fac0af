package dev.crossmesh.demo.fields;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * JSON values as plain Java: {@code Map<String, Object>} (insertion order kept), {@code List<Object>}, {@code String},
 * {@code Long} for every integer, {@code Double}, {@code Boolean} and {@code null}. Integers are always {@code Long} so that
 * {@code equals} compares values, whichever way a number arrived.
 */
public final class Json {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

    private Json() {
    }

    /** @throws IllegalArgumentException with the parser's words when the text is not JSON */
    public static Object parse(byte[] bytes) {
        try {
            return normalize(JSON.readValue(bytes, Object.class));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    public static Object parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** YAML (of which JSON is a part), as an apply patch may be. */
    public static Object parseYaml(byte[] bytes) {
        try {
            return normalize(YAML.readValue(bytes, Object.class));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    public static byte[] write(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    public static String text(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    /** A deep copy; also turns any Java number into Long or Double. */
    public static Object copy(Object value) {
        return normalize(value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> copyObject(Map<String, Object> value) {
        return (Map<String, Object>) normalize(value);
    }

    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(normalize(v)));
            return copy;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.doubleValue();
        }
        return value;
    }

    /** The value as a JSON object, or null when it is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        return value instanceof List<?> ? (List<Object>) value : null;
    }

    /** The value at a path of keys, or null. */
    public static Object at(Object value, String... keys) {
        Object current = value;
        for (String key : keys) {
            Map<String, Object> m = object(current);
            if (m == null) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    public static String string(Object value, String... keys) {
        Object v = at(value, keys);
        return v instanceof String s ? s : null;
    }

    /** The object at a path, made (empty) where missing. */
    public static Map<String, Object> objectAt(Map<String, Object> root, String... keys) {
        Map<String, Object> current = root;
        for (String key : keys) {
            Map<String, Object> next = object(current.get(key));
            if (next == null) {
                next = new LinkedHashMap<>();
                current.put(key, next);
            }
            current = next;
        }
        return current;
    }
}
