package dev.crossmesh.demo.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crossmesh.demo.fields.Json;

/**
 * The JSONPath subset that additionalPrinterColumns use: {@code .spec.replicas}, {@code .status.addresses[0].ip},
 * {@code .status.conditions[?(@.type=="Ready")].status}, {@code .items[*].name}.
 */
final class JsonPaths {
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+|\\*)\\]|\\[\\?\\(@\\.([\\w.-]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)\\]");

    private JsonPaths() {
    }

    /** Every value the path selects. */
    static List<Object> select(Object root, String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        List<Object> current = new ArrayList<>(List.of(root));
        Matcher m = STEP.matcher(p);
        int at = 0;
        while (at < p.length()) {
            if (!m.find(at) || m.start() != at) {
                return List.of();
            }
            List<Object> next = new ArrayList<>();
            for (Object value : current) {
                if (m.group(1) != null) {
                    Object child = Json.at(value, m.group(1));
                    if (child != null) {
                        next.add(child);
                    }
                } else if (m.group(2) != null) {
                    List<Object> list = Json.list(value);
                    if (list == null) {
                        continue;
                    }
                    if (m.group(2).equals("*")) {
                        next.addAll(list);
                    } else if (Integer.parseInt(m.group(2)) < list.size()) {
                        next.add(list.get(Integer.parseInt(m.group(2))));
                    }
                } else {
                    List<Object> list = Json.list(value);
                    if (list == null) {
                        continue;
                    }
                    for (Object element : list) {
                        Object field = Json.at(element, m.group(3).split("\\."));
                        if (field != null && String.valueOf(field).equals(m.group(4))) {
                            next.add(element);
                        }
                    }
                }
            }
            current = next;
            at = m.end();
        }
        return current;
    }

    /** The first value selected, or null. */
    static Object first(Map<String, Object> root, String path) {
        List<Object> all = select(root, path);
        return all.isEmpty() ? null : all.get(0);
    }
}
