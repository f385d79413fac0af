package dev.crossmesh.kube;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

import dev.crossmesh.plan.ControlCharacters;
import dev.crossmesh.render.Labels;

/**
 * The istio-system Namespace: usually there before crossmesh (istioctl, Helm, an earlier install), so crossmesh never
 * takes it over. It merges its labels and annotations in and records on the namespace which keys it added, which
 * values {@code --force} replaced, and whether it created the namespace, so that uninstall undoes exactly that.
 */
final class NamespaceAdoption {
    private static final Gson GSON = new Gson();

    record Outcome(ChangeKind change, List<String> fields, String reason, Map<String, Object> body) {
    }

    private NamespaceAdoption() {
    }

    static Outcome examine(Map<String, Object> desired, Map<String, Object> live, boolean force) {
        Map<String, String> wantLabels = ObjectFields.labels(desired);
        Map<String, String> wantAnnotations = ObjectFields.annotations(desired);
        if (live == null) {
            Map<String, Object> body = ObjectFields.deepCopy(desired);
            Map<String, String> annotations = new LinkedHashMap<>(wantAnnotations);
            annotations.put(Ownership.CREATED_NAMESPACE, "true");
            annotations.put(Ownership.ADDED_LABELS, String.join(",", new TreeSet<>(wantLabels.keySet())));
            if (!wantAnnotations.isEmpty()) {
                annotations.put(Ownership.ADDED_ANNOTATIONS, String.join(",", new TreeSet<>(wantAnnotations.keySet())));
            }
            metadataOf(body).put("annotations", new LinkedHashMap<String, Object>(annotations));
            return new Outcome(ChangeKind.CREATE, List.of(), "", body);
        }

        Map<String, String> haveLabels = ObjectFields.labels(live);
        Map<String, String> haveAnnotations = ObjectFields.annotations(live);
        Map<String, String> labels = new LinkedHashMap<>(haveLabels);
        Map<String, String> annotations = new LinkedHashMap<>(haveAnnotations);
        TreeSet<String> addedLabels = keys(haveAnnotations.get(Ownership.ADDED_LABELS));
        TreeSet<String> addedAnnotations = keys(haveAnnotations.get(Ownership.ADDED_ANNOTATIONS));
        Map<String, String> replaced = replacedLabels(haveAnnotations);
        // labels that another crossmesh mesh added are that mesh's: a conflict without --force; with it, their values
        // are kept to be restored by this mesh's uninstall
        String otherMesh = haveLabels.get(Labels.MESH);
        boolean anotherMesh = otherMesh != null && !otherMesh.equals(wantLabels.get(Labels.MESH));
        TreeSet<String> ours = anotherMesh ? new TreeSet<>() : addedLabels;
        if (anotherMesh && force) {
            addedLabels.stream().filter(haveLabels::containsKey).forEach(key -> replaced.putIfAbsent(key, haveLabels.get(key)));
        }
        List<String> fields = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();

        for (Map.Entry<String, String> want : wantLabels.entrySet()) {
            String key = want.getKey();
            String have = haveLabels.get(key);
            if (want.getValue().equals(have)) {
                continue;
            }
            if (have == null) {
                labels.put(key, want.getValue());
                addedLabels.add(key);
                fields.add("metadata.labels." + key);
            } else if (key.equals(Labels.MANAGED_BY)) {
                // another tool manages the namespace (Helm, an operator): leave its mark, ours is not needed here
            } else if (force || ours.contains(key)) {
                // a value crossmesh itself set earlier (e.g. the plan's network changed) is ours to change
                if (!ours.contains(key) && !replaced.containsKey(key)) {
                    replaced.put(key, have);
                }
                labels.put(key, want.getValue());
                fields.add("metadata.labels." + key);
            } else {
                conflicts.add("label " + key + " is '" + have + "' here, the plan says '" + want.getValue() + "'");
            }
        }
        for (Map.Entry<String, String> want : wantAnnotations.entrySet()) {
            String key = want.getKey();
            String have = haveAnnotations.get(key);
            if (want.getValue().equals(have)) {
                continue;
            }
            if (have == null || force || addedAnnotations.contains(key)) {
                if (have == null) {
                    addedAnnotations.add(key);
                }
                annotations.put(key, want.getValue());
                fields.add("metadata.annotations." + key);
            } else {
                conflicts.add("annotation " + key + " is '" + have + "' here, the plan says '" + want.getValue() + "'");
            }
        }
        if (!conflicts.isEmpty()) {
            String bySomeone = anotherMesh ? " (set by crossmesh for mesh '" + ControlCharacters.escape(otherMesh) + "')"
                    : " (set by someone else)";
            return new Outcome(ChangeKind.NOT_OWNED, List.of(), String.join("; ", conflicts) + bySomeone
                    + "; --force replaces it and uninstall restores it", null);
        }
        if (fields.isEmpty()) {
            return new Outcome(ChangeKind.UNCHANGED, List.of(), "", null);
        }
        annotations.put(Ownership.ADDED_LABELS, String.join(",", addedLabels));
        if (!addedAnnotations.isEmpty()) {
            annotations.put(Ownership.ADDED_ANNOTATIONS, String.join(",", addedAnnotations));
        }
        if (!replaced.isEmpty()) {
            annotations.put(Ownership.REPLACED_LABELS, GSON.toJson(replaced));
        }
        // what crossmesh applies: its own labels and annotations and the bookkeeping; the namespace's other keys stay
        // with their managers
        Map<String, Object> applied = new LinkedHashMap<>();
        wantLabels.forEach((key, value) -> {
            if (labels.get(key).equals(value)) {
                applied.put(key, value);
            }
        });
        Map<String, Object> appliedAnnotations = new LinkedHashMap<>(wantAnnotations);
        for (String key : List.of(Ownership.CREATED_NAMESPACE, Ownership.ADDED_LABELS, Ownership.ADDED_ANNOTATIONS, Ownership.REPLACED_LABELS)) {
            if (annotations.containsKey(key)) {
                appliedAnnotations.put(key, annotations.get(key));
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ObjectFields.metadata(desired).get("name"));
        metadata.put("labels", applied);
        metadata.put("annotations", appliedAnnotations);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", desired.get("apiVersion"));
        body.put("kind", desired.get("kind"));
        body.put("metadata", metadata);
        return new Outcome(ChangeKind.UPDATE, fields,
                createdByCrossmesh(live) ? "" : "existing namespace: crossmesh adds its labels and keeps the others", body);
    }

    /**
     * The namespace as uninstall leaves it: the labels and annotations crossmesh added removed, replaced label
     * values restored, the bookkeeping annotations gone. Null when crossmesh left no mark on it.
     */
    static Map<String, Object> withoutOurMarks(Map<String, Object> live) {
        Map<String, String> annotations = new LinkedHashMap<>(ObjectFields.annotations(live));
        if (!annotations.containsKey(Ownership.ADDED_LABELS) && !annotations.containsKey(Ownership.ADDED_ANNOTATIONS)
                && !annotations.containsKey(Ownership.REPLACED_LABELS) && !annotations.containsKey(Ownership.CREATED_NAMESPACE)) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>(ObjectFields.labels(live));
        keys(annotations.get(Ownership.ADDED_LABELS)).forEach(labels::remove);
        labels.putAll(replacedLabels(annotations));
        keys(annotations.get(Ownership.ADDED_ANNOTATIONS)).forEach(annotations::remove);
        annotations.remove(Ownership.ADDED_LABELS);
        annotations.remove(Ownership.ADDED_ANNOTATIONS);
        annotations.remove(Ownership.REPLACED_LABELS);
        annotations.remove(Ownership.CREATED_NAMESPACE);
        Map<String, Object> body = ObjectFields.deepCopy(live);
        metadataOf(body).put("labels", new LinkedHashMap<String, Object>(labels));
        metadataOf(body).put("annotations", new LinkedHashMap<String, Object>(annotations));
        return body;
    }

    /** The label keys crossmesh added, as recorded on the namespace. */
    static TreeSet<String> addedLabels(Map<String, Object> live) {
        return keys(ObjectFields.annotations(live).get(Ownership.ADDED_LABELS));
    }

    static boolean createdByCrossmesh(Map<String, Object> live) {
        return "true".equals(ObjectFields.annotations(live).get(Ownership.CREATED_NAMESPACE));
    }

    private static Map<String, String> replacedLabels(Map<String, String> annotations) {
        String json = annotations.get(Ownership.REPLACED_LABELS);
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, String> parsed = GSON.fromJson(json, new TypeToken<LinkedHashMap<String, String>>() { }.getType());
            return parsed == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parsed);
        } catch (RuntimeException e) {
            return new LinkedHashMap<>();
        }
    }

    private static TreeSet<String> keys(String csv) {
        TreeSet<String> keys = new TreeSet<>();
        if (csv != null) {
            Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(keys::add);
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataOf(Map<String, Object> object) {
        return (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>());
    }
}
