package dev.crossmesh.demo.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.crossmesh.demo.apiserver.ResourceType;
import dev.crossmesh.demo.fields.Json;

/**
 * {@code as=Table} answers (server-side printing): what {@code kubectl get} asks for and prints as it comes, so that
 * a demo cluster shows the columns a real one shows (READY STATUS RESTARTS for pods, TYPE CLUSTER-IP for services).
 */
public final class TableResponses {
    private TableResponses() {
    }

    /**
     * A Table of a list or of one object.
     *
     * @param includeObject the request's {@code includeObject}: None, Metadata (the default) or Object
     */
    public static Map<String, Object> table(Map<String, Object> listOrObject, ResourceType type, String includeObject, Instant now) {
        List<Object> items = Json.list(listOrObject.get("items"));
        boolean list = items != null;
        List<PrintColumns.Column> columns = PrintColumns.of(type);
        List<Object> rows = new ArrayList<>();
        for (Object item : list ? items : List.of(listOrObject)) {
            Map<String, Object> object = Json.object(item);
            if (object == null) {
                continue;
            }
            rows.add(row(object, columns, includeObject, now));
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        Map<String, Object> metadata = new LinkedHashMap<>();
        Object from = list ? listOrObject.get("metadata") : null;
        if (Json.object(from) != null) {
            for (String key : List.of("resourceVersion", "continue", "remainingItemCount")) {
                Object value = Json.at(from, key);
                if (value != null) {
                    metadata.put(key, value);
                }
            }
        } else if (!list && Json.string(listOrObject, "metadata", "resourceVersion") != null) {
            metadata.put("resourceVersion", Json.string(listOrObject, "metadata", "resourceVersion"));
        }
        table.put("metadata", metadata);
        table.put("columnDefinitions", columns.stream().map(PrintColumns.Column::definition).toList());
        table.put("rows", rows);
        return table;
    }

    private static Map<String, Object> row(Map<String, Object> object, List<PrintColumns.Column> columns, String includeObject, Instant now) {
        List<Object> cells = new ArrayList<>();
        for (PrintColumns.Column c : columns) {
            Object cell;
            try {
                cell = c.cell().apply(object, now);
            } catch (RuntimeException e) {
                cell = null; // an object of an unexpected shape prints an empty cell, not an error
            }
            cells.add(cell);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cells", cells);
        if ("Object".equals(includeObject)) {
            row.put("object", object);
        } else if (!"None".equals(includeObject)) {
            Map<String, Object> metadata = Json.copyObject(Json.object(object.getOrDefault("metadata", Map.of())));
            metadata.remove("managedFields");
            Map<String, Object> partial = new LinkedHashMap<>();
            partial.put("kind", "PartialObjectMetadata");
            partial.put("apiVersion", "meta.k8s.io/v1");
            partial.put("metadata", metadata);
            row.put("object", partial);
        }
        return row;
    }
}
