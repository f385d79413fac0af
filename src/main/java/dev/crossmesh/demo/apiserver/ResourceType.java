package dev.crossmesh.demo.apiserver;

import java.util.List;

import dev.crossmesh.demo.fields.FieldManager;
import dev.crossmesh.demo.fields.SchemaType;

/**
 * One resource a demo API server serves at one version: what discovery lists, what the handlers need to store,
 * merge, validate and print it.
 *
 * @param group       "" for the core group
 * @param model       the fabric8 model class of a built-in kind (its schema, its OpenAPI definition), or null for a custom resource
 * @param printerColumns a custom resource's additionalPrinterColumns (name, type, jsonPath), empty for built-ins
 */
public record ResourceType(String group, String version, String plural, String kind, boolean namespaced, List<String> shortNames,
        List<String> categories, List<String> verbs, boolean status, boolean scale, SchemaType schema, Class<?> model,
        List<PrinterColumn> printerColumns) {

    public static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** A custom resource's column. */
    public record PrinterColumn(String name, String type, String jsonPath, String description, int priority) {
    }

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        verbs = List.copyOf(verbs);
        printerColumns = List.copyOf(printerColumns);
    }

    /** {@code apps/v1}, {@code v1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code deployments.apps}, {@code pods}: where objects of every version of the resource are kept. */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String singular() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean builtIn() {
        return model != null;
    }

    /** How a request through the main resource owns fields: all but status where status is a subresource. */
    public FieldManager.Scope mainScope() {
        return status ? FieldManager.Scope.MAIN : FieldManager.Scope.WHOLE;
    }

    /** What kube-apiserver calls the kind in messages: {@code Deployment.apps}, {@code ConfigMap}. */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** {@code deployments.apps}, as in "deployments.apps "x" not found"; plain {@code pods} for the core group. */
    public String describeResource() {
        return groupResource();
    }

    public boolean hasVerb(String verb) {
        return verbs.contains(verb);
    }
}
