package dev.crossmesh.demo.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.crossmesh.demo.fields.Json;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Protobuf request bodies turned into the JSON the rest of the demo reads. kubectl 1.32 and later send built-in kinds
 * (kubectl create namespace, kubectl auth can-i) as protobuf and do not retry as JSON when refused, so a demo
 * cluster reads them: the envelope ({@code k8s\0} + runtime.Unknown) names the kind, and the field numbers come from
 * the Kubernetes API's own descriptors (resources/.../protobuf-fields.txt, made by src/tools/protobuf-fields.py).
 */
public final class ProtobufBodies {
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final int MESSAGE = 11;
    private static final int REPEATED = 3;

    private record Field(int number, String name, int type, boolean repeated, String message) {
    }

    private record Message(Map<Integer, Field> fields, boolean mapEntry) {
    }

    private static final Map<String, Message> MESSAGES = load();

    private ProtobufBodies() {
    }

    /** The request with a JSON body in place of a protobuf one it can read; unchanged otherwise. */
    public static RecordedRequest asJson(RecordedRequest request) {
        if (!ContentTypes.protobufBody(request) || request.getBody() == null) {
            return request;
        }
        Optional<Map<String, Object>> object = decode(request.getBody().getBytes());
        if (object.isEmpty()) {
            return request; // answered with 415 by RequestFront
        }
        Headers.Builder headers = Headers.builder();
        request.getHeaders().toMultimap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        headers.add("Content-Type", ContentTypes.JSON);
        return new RecordedRequest(request.getRequestLine(), request.method(), request.getPath(), headers.build(),
                new Buffer(Json.write(object.get())));
    }

    /** A protobuf-encoded object as its JSON, or empty when it is not one of the kinds this table knows. */
    public static Optional<Map<String, Object>> decode(byte[] body) {
        if (body.length < MAGIC.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> unknown = message(body, MAGIC.length, body.length, "apimachinery.pkg.runtime.Unknown");
            String apiVersion = Json.string(unknown, "typeMeta", "apiVersion");
            String kind = Json.string(unknown, "typeMeta", "kind");
            if (apiVersion == null || kind == null || !(unknown.get("raw") instanceof byte[] raw)) {
                return Optional.empty();
            }
            String type = messageName(apiVersion, kind);
            if (!MESSAGES.containsKey(type)) {
                return Optional.empty();
            }
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            object.putAll(message(raw, 0, raw.length, type));
            return Optional.of(object);
        } catch (RuntimeException e) {
            return Optional.empty(); // not what the table says: refused as an unknown format
        }
    }

    /** {@code apps/v1} Deployment: {@code api.apps.v1.Deployment}; {@code rbac.authorization.k8s.io/v1}: {@code api.rbac.v1}. */
    private static String messageName(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "core" : apiVersion.substring(0, slash).split("\\.")[0];
        return "api." + group + "." + apiVersion.substring(slash + 1) + "." + kind;
    }

    private static Map<String, Object> message(byte[] b, int from, int to, String type) {
        Message m = MESSAGES.get(type);
        Map<String, Object> out = new LinkedHashMap<>();
        int[] at = {from};
        while (at[0] < to) {
            long key = varint(b, at);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            Object value;
            int start;
            int end;
            switch (wire) {
                case 0 -> value = varint(b, at);
                case 1 -> {
                    value = java.nio.ByteBuffer.wrap(b, at[0], 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                    at[0] += 8;
                }
                case 5 -> {
                    value = java.nio.ByteBuffer.wrap(b, at[0], 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
                    at[0] += 4;
                }
                case 2 -> {
                    int length = (int) varint(b, at);
                    start = at[0];
                    end = start + length;
                    if (end > to) {
                        throw new IllegalArgumentException("truncated");
                    }
                    at[0] = end;
                    value = new int[] {start, end};
                }
                default -> throw new IllegalArgumentException("wire type " + wire);
            }
            Field f = m == null ? null : m.fields().get(number);
            if (f == null) {
                continue; // a field newer than the table: left out, as an old server would
            }
            Object decoded = value(b, f, value);
            if (f.repeated() && !(f.message() != null && MESSAGES.containsKey(f.message()) && MESSAGES.get(f.message()).mapEntry())) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) out.computeIfAbsent(f.name(), k -> new ArrayList<>());
                if (decoded instanceof List<?> packed && f.type() != MESSAGE) {
                    list.addAll(packed);
                } else {
                    list.add(decoded);
                }
            } else if (f.repeated()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) out.computeIfAbsent(f.name(), k -> new LinkedHashMap<>());
                Map<String, Object> entry = Json.object(decoded);
                map.put(String.valueOf(entry.getOrDefault("key", "")), entry.get("value"));
            } else {
                out.put(f.name(), decoded);
            }
        }
        out.values().removeIf(v -> v == null || "".equals(v) || (v instanceof Map<?, ?> map && map.isEmpty()));
        return out;
    }

    private static Object value(byte[] b, Field f, Object raw) {
        if (raw instanceof int[] span) {
            return switch (f.type()) {
                case 9 -> new String(b, span[0], span[1] - span[0], StandardCharsets.UTF_8);
                case 12 -> java.util.Arrays.copyOfRange(b, span[0], span[1]);
                case MESSAGE -> special(f.message(), message(b, span[0], span[1], f.message()), b, span);
                default -> packed(b, span, f.type());
            };
        }
        long v = raw instanceof Long l ? l : ((Number) raw).longValue();
        return switch (f.type()) {
            case 8 -> v != 0;
            case 5, 13, 14 -> (long) (int) v;
            case 17 -> (long) ((int) (v >>> 1) ^ -((int) v & 1));
            case 18 -> (v >>> 1) ^ -(v & 1);
            case 1 -> Double.longBitsToDouble(v);
            case 2 -> (double) Float.intBitsToFloat((int) v);
            default -> v;
        };
    }

    private static List<Object> packed(byte[] b, int[] span, int type) {
        List<Object> values = new ArrayList<>();
        int[] at = {span[0]};
        while (at[0] < span[1]) {
            long v = varint(b, at);
            values.add(type == 8 ? (Object) (v != 0) : (Object) v);
        }
        return values;
    }

    /** Kinds whose JSON is not their message: times, int-or-string, quantities, raw JSON, byte values in base64. */
    private static Object special(String type, Map<String, Object> m, byte[] b, int[] span) {
        switch (type) {
            case "apimachinery.pkg.apis.meta.v1.Time", "apimachinery.pkg.apis.meta.v1.MicroTime" -> {
                long seconds = m.get("seconds") instanceof Long s ? s : 0;
                long nanos = m.get("nanos") instanceof Long n ? n : 0;
                return seconds == 0 && nanos == 0 ? null : Instant.ofEpochSecond(seconds, type.endsWith("MicroTime") ? nanos : 0).toString();
            }
            case "apimachinery.pkg.util.intstr.IntOrString" -> {
                return Long.valueOf(1).equals(m.get("type")) ? m.getOrDefault("strVal", "") : m.getOrDefault("intVal", 0L);
            }
            case "apimachinery.pkg.api.resource.Quantity" -> {
                return m.getOrDefault("string", "0");
            }
            case "apimachinery.pkg.runtime.RawExtension", "apimachinery.pkg.apis.meta.v1.FieldsV1" -> {
                Object raw = m.get("raw") != null ? m.get("raw") : m.get("Raw");
                return raw instanceof byte[] bytes && bytes.length > 0 ? Json.parse(bytes) : null;
            }
            default -> {
                m.replaceAll((k, v) -> v instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : v);
                return m;
            }
        }
    }

    private static long varint(byte[] b, int[] at) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte c = b[at[0]++];
            result |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static Map<String, Message> load() {
        Map<String, Message> messages = new HashMap<>();
        try (InputStream in = ProtobufBodies.class.getResourceAsStream("protobuf-fields.txt")) {
            if (in == null) {
                return messages;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<Integer, Field> current = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.split(" ");
                if (parts[0].equals("M")) {
                    current = new HashMap<>();
                    messages.put(parts[1], new Message(current, parts.length > 2 && parts[2].equals("map")));
                } else if (parts[0].equals("F") && current != null) {
                    int number = Integer.parseInt(parts[1]);
                    current.put(number, new Field(number, parts[2], Integer.parseInt(parts[3]), Integer.parseInt(parts[4]) == REPEATED,
                            parts[5].equals("-") ? null : parts[5]));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return messages;
    }
}
