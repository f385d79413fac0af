package dev.crossmesh.demo.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a request asks to do, as kube-apiserver's RequestInfo resolver works it out from the method and path
 * ({@code k8s.io/apiserver/pkg/endpoints/request/requestinfo.go}): a resource request has a verb (get, list, watch,
 * create, update, patch, delete, deletecollection), an API group, a resource and maybe a subresource, namespace and
 * name; anything else is a non-resource request whose verb is the lower-case HTTP method.
 *
 * @param apiGroup    "" for the core group and for non-resource requests
 * @param subresource "" when none, e.g. {@code log} for {@code pods/log}
 * @param namespace   "" for cluster-scoped requests; a namespace's own name for {@code /api/v1/namespaces/NAME}
 * @param path        the URL path without its query
 */
public record RequestAttributes(boolean resourceRequest, String verb, String apiGroup, String apiVersion, String resource,
        String subresource, String namespace, String name, String path) {

    private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** A resource request, as a SelfSubjectAccessReview's resourceAttributes states it. */
    public static RequestAttributes resource(String verb, String group, String version, String resource, String subresource,
            String namespace, String name) {
        return new RequestAttributes(true, text(verb), text(group), text(version), text(resource), text(subresource), text(namespace),
                text(name), "");
    }

    /** A non-resource request, as a SelfSubjectAccessReview's nonResourceAttributes states it. */
    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(false, text(verb), "", "", "", "", "", "", text(path));
    }

    /** The attributes of an HTTP request; {@code target} is the path with its query, as it came. */
    public static RequestAttributes of(String method, String target) {
        String[] split = target.split("\\?", 2);
        String path = decodedPath(split[0]);
        String query = split.length == 2 ? split[1] : "";
        RequestAttributes nonResource = nonResource(method.toLowerCase(Locale.ROOT), path);
        List<String> parts = new ArrayList<>(Arrays.stream(trimSlashes(path).split("/")).filter(p -> !p.isEmpty()).toList());
        if (parts.size() < 3 || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return nonResource;
        }
        String group = "";
        List<String> current = parts.subList(1, parts.size());
        if (parts.get(0).equals("apis")) {
            if (current.size() < 3) {
                return nonResource;
            }
            group = current.get(0);
            current = current.subList(1, current.size());
        }
        String version = current.get(0);
        current = current.subList(1, current.size());
        if (current.isEmpty()) {
            return nonResource;
        }
        String verb;
        if (SPECIAL_VERBS.contains(current.get(0))) {
            if (current.size() < 2) {
                return nonResource; // kube-apiserver answers these with an error; nothing a rule could allow
            }
            verb = current.get(0);
            current = current.subList(1, current.size());
        } else {
            verb = switch (method.toUpperCase(Locale.ROOT)) {
                case "POST" -> "create";
                case "GET", "HEAD" -> "get";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> "";
            };
        }
        String namespace = "";
        if (current.get(0).equals("namespaces")) {
            if (current.size() > 1) {
                namespace = current.get(1);
                if (current.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(current.get(2))) {
                    current = current.subList(2, current.size());
                }
            }
        }
        String resource = current.get(0);
        String name = current.size() >= 2 ? current.get(1) : "";
        String subresource = current.size() >= 3 && !verb.equals("proxy") ? current.get(2) : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = isTrue(parameter(query, "watch")) ? "watch" : "list";
            name = nameFromFieldSelector(parameter(query, "fieldSelector"));
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        return new RequestAttributes(true, verb, group, version, resource, subresource, namespace, name, path);
    }

    /** {@code pods/log}, or the resource alone when there is no subresource: what a rule's resources are matched against. */
    public String combinedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** The resource with its group, as kube-apiserver's messages name it: {@code secrets}, {@code deployments.apps}. */
    public String groupResource() {
        return apiGroup.isEmpty() ? resource : resource + "." + apiGroup;
    }

    private static String decodedPath(String raw) {
        try {
            String decoded = URI.create("http://localhost" + raw).getPath();
            return decoded == null ? raw : decoded;
        } catch (IllegalArgumentException e) {
            return raw; // not a valid URI: take it as it came
        }
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** The first value of a query parameter, or null when absent. */
    private static String parameter(String query, String key) {
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(key)) {
                return kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return null;
    }

    /** How kube-apiserver reads a boolean query parameter: anything but "false" and "0" is true once present. */
    private static boolean isTrue(String value) {
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    /** {@code metadata.name=NAME} (or {@code ==}) in a field selector makes a list or watch one of a named object. */
    private static String nameFromFieldSelector(String selector) {
        if (selector == null) {
            return "";
        }
        for (String term : selector.split(",")) {
            String t = term.trim();
            for (String op : List.of("==", "=")) {
                if (t.startsWith("metadata.name" + op)) {
                    String value = t.substring(("metadata.name" + op).length());
                    return value.isEmpty() || value.contains("/") || value.equals(".") || value.equals("..") || value.contains("%") ? "" : value;
                }
            }
        }
        return "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
