package dev.crossmesh.kube;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What listing contexts needs from one kubeconfig file: names, servers, users, namespaces, the current context and
 * the demo mark. Read with SnakeYAML: fabric8's reader brings in its whole object model and Jackson (about 2,300
 * classes, 1.4 s of CPU in a fresh JVM for a three-context file), which the wizard paid on start-up, beside the
 * window being drawn, and {@code crossmesh contexts} on every run. Connecting still goes through fabric8
 * ({@link Kubeconfigs#clientConfig}), which understands every way of authenticating.
 */
record KubeconfigDocument(String currentContext, List<Cluster> clusters, List<Context> contexts, List<String> users) {

    record Cluster(String name, String server, boolean demo) {
    }

    record Context(String name, String cluster, String user, String namespace) {
    }

    static KubeconfigDocument read(Path file) throws KubeconfigException {
        Object root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            throw new KubeconfigException("cannot read kubeconfig " + file + ": " + where + e.getProblem(), e);
        } catch (IOException | YAMLException e) {
            throw new KubeconfigException("cannot read kubeconfig " + file + ": " + Kubeconfigs.rootMessage(e), e);
        }
        if (root == null) {
            return new KubeconfigDocument("", List.of(), List.of(), List.of());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new KubeconfigException("cannot read kubeconfig " + file + ": it is not a kubeconfig (a mapping with clusters, contexts and users)");
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Map<?, ?> entry : entries(map.get("clusters"))) {
            Map<?, ?> cluster = mapping(entry.get("cluster"));
            boolean demo = entries(cluster.get("extensions")).stream().anyMatch(e -> Kubeconfigs.DEMO_EXTENSION.equals(text(e.get("name"))));
            clusters.add(new Cluster(text(entry.get("name")), text(cluster.get("server")), demo));
        }
        List<Context> contexts = new ArrayList<>();
        for (Map<?, ?> entry : entries(map.get("contexts"))) {
            // a context without a name or a body names nothing to connect to: left out, as before
            if (entry.get("name") != null && entry.get("context") instanceof Map<?, ?> context) {
                contexts.add(new Context(text(entry.get("name")), text(context.get("cluster")), text(context.get("user")), text(context.get("namespace"))));
            }
        }
        List<String> users = entries(map.get("users")).stream().map(u -> text(u.get("name"))).toList();
        return new KubeconfigDocument(text(map.get("current-context")), clusters, contexts, users);
    }

    /** The entries of a list of mappings; anything else in the list is left out, as fabric8 could not read it either. */
    private static List<Map<?, ?>> entries(Object list) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static Map<?, ?> mapping(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    /** A scalar as text; null stays null (a missing field), as in fabric8's model. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
