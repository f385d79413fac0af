package dev.crossmesh.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the plan file. Works on the YAML node tree rather than on maps so that every finding can say
 * on which line the offending key or value is, and so that unknown and duplicate keys are caught.
 */
public final class PlanReader {
    static final Set<String> TOP_KEYS = Set.of("meshId", "trustDomain", "istio", "topology", "ca", "gateway", "clusters", "verify");
    static final Set<String> ISTIO_KEYS = Set.of("flavor", "version", "revision");
    static final Set<String> GATEWAY_KEYS = Set.of("serviceType", "annotations");
    static final Set<String> VERIFY_KEYS = Set.of("imageRegistry");
    static final Set<String> CLUSTER_KEYS = Set.of("name", "context", "network", "region", "role", "apiServer", "tlsServerName");

    private final List<Finding> findings = new ArrayList<>();

    private PlanReader() {
    }

    /**
     * The largest plan file read: a mesh of a hundred clusters is about 30 KB. Reading stops here, so a huge or
     * endless file ({@code /dev/zero}) is refused at once instead of filling memory.
     */
    public static final int MAX_BYTES = 1024 * 1024;

    public static PlanDocument read(Path file) throws PlanFileException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new PlanFileException("plan file " + file + " does not exist; check the path given with --plan");
        } catch (IOException e) {
            throw new PlanFileException("cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new PlanFileException("plan file " + file + " is " + size(file) + "; a plan is at most 1 MB (a hundred clusters take"
                    + " about 30 KB): check that --plan names the plan file");
        }
        return read(PlanText.decode(bytes, file.toString()), file.toString());
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            if (bytes > MAX_BYTES) {
                return String.format(Locale.ROOT, "%.1f MB (%d bytes)", bytes / (1024.0 * 1024.0), bytes);
            }
        } catch (IOException e) {
            // a pipe or a device: its size is what was read
        }
        return "over 1 MB";
    }

    public static PlanDocument read(String text, String source) throws PlanFileException {
        return new PlanReader().parse(new StringReader(text), source);
    }

    private PlanDocument parse(Reader reader, String source) throws PlanFileException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new PlanFileException(source + " is not valid YAML" + where + ": " + e.getProblem(), e);
        } catch (YAMLException e) {
            // snakeyaml's depth limit has no mark and a terse message; say what it means for a plan
            String why = e.getMessage() != null && e.getMessage().startsWith("Nesting Depth exceeded")
                    ? "collections are nested deeper than " + options.getNestingDepthLimit() + " levels (a plan needs 4); is it the right file?"
                    : e.getMessage();
            throw new PlanFileException(source + " is not valid YAML: " + why, e);
        }
        if (root == null) {
            throw new PlanFileException(source + " is empty; a plan needs at least meshId and clusters (see the README's plan format)");
        }
        if (!(root instanceof MappingNode)) {
            throw new PlanFileException(source + " is not a plan: expected keys such as meshId and clusters" + at(root));
        }
        return new PlanDocument(readPlan((MappingNode) root), findings);
    }

    private MeshPlan readPlan(MappingNode root) {
        Map<String, Node> top = fields(root, "", TOP_KEYS);
        IstioSpec istio = readIstio(top.get("istio"));
        GatewaySpec gateway = readGateway(top.get("gateway"));
        List<ClusterSpec> clusters = readClusters(top.get("clusters"));
        return new MeshPlan(
                string(top.get("meshId"), "meshId"),
                string(top.get("trustDomain"), "trustDomain"),
                istio,
                choice(top.get("topology"), "topology", Topology.class, Topology.MULTI_PRIMARY),
                choice(top.get("ca"), "ca", CaMode.class, CaMode.SHARED_ROOT),
                gateway,
                clusters,
                readVerify(top.get("verify")));
    }

    private VerifySpec readVerify(Node node) {
        MappingNode mapping = mapping(node, "verify");
        if (mapping == null) {
            return VerifySpec.defaults();
        }
        Map<String, Node> f = fields(mapping, "verify", VERIFY_KEYS);
        return new VerifySpec(string(f.get("imageRegistry"), "verify.imageRegistry"));
    }

    private IstioSpec readIstio(Node node) {
        MappingNode mapping = mapping(node, "istio");
        if (mapping == null) {
            return IstioSpec.defaults();
        }
        Map<String, Node> f = fields(mapping, "istio", ISTIO_KEYS);
        String version = f.containsKey("version") ? string(f.get("version"), "istio.version") : IstioSpec.DEFAULT_VERSION;
        return new IstioSpec(
                choice(f.get("flavor"), "istio.flavor", Flavor.class, Flavor.ISTIO),
                version,
                string(f.get("revision"), "istio.revision"));
    }

    private GatewaySpec readGateway(Node node) {
        MappingNode mapping = mapping(node, "gateway");
        if (mapping == null) {
            return GatewaySpec.defaults();
        }
        Map<String, Node> f = fields(mapping, "gateway", GATEWAY_KEYS);
        Map<String, String> annotations = new LinkedHashMap<>();
        MappingNode annotationNode = mapping(f.get("annotations"), "gateway.annotations");
        if (annotationNode != null) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : annotationNode.getValue()) {
                String key = scalarText(t.getKeyNode());
                String path = "gateway.annotations." + key;
                if (key == null) {
                    wrongType(t.getKeyNode(), "gateway.annotations", "annotation names must be plain strings");
                } else if (!seen.add(key)) {
                    duplicate(t.getKeyNode(), path);
                } else {
                    annotations.put(key, exactString(t.getValueNode(), path));
                }
            }
        }
        return new GatewaySpec(choice(f.get("serviceType"), "gateway.serviceType", ServiceType.class, ServiceType.LOAD_BALANCER), annotations);
    }

    private List<ClusterSpec> readClusters(Node node) {
        List<ClusterSpec> clusters = new ArrayList<>();
        if (node == null || isNull(node)) {
            return clusters;
        }
        if (!(node instanceof SequenceNode sequence)) {
            wrongType(node, "clusters", "clusters must be a list of entries starting with '- name:'");
            return clusters;
        }
        for (int i = 0; i < sequence.getValue().size(); i++) {
            String path = "clusters[" + i + "]";
            MappingNode entry = mapping(sequence.getValue().get(i), path);
            if (entry == null) {
                clusters.add(new ClusterSpec("", "", ""));
                continue;
            }
            Map<String, Node> f = fields(entry, path, CLUSTER_KEYS);
            clusters.add(new ClusterSpec(
                    string(f.get("name"), path + ".name"),
                    string(f.get("context"), path + ".context"),
                    string(f.get("network"), path + ".network"),
                    string(f.get("region"), path + ".region"),
                    choice(f.get("role"), path + ".role", Role.class, Role.PRIMARY),
                    string(f.get("apiServer"), path + ".apiServer"),
                    string(f.get("tlsServerName"), path + ".tlsServerName")));
        }
        return clusters;
    }

    /** The keys of a mapping, reporting duplicates and keys the format does not know. */
    private Map<String, Node> fields(MappingNode mapping, String path, Set<String> allowed) {
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = scalarText(t.getKeyNode());
            String keyPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
            if (key == null) {
                wrongType(t.getKeyNode(), path, "keys must be plain words");
            } else if (!allowed.contains(key)) {
                String hint = Suggestions.closest(key, allowed).map(s -> "; did you mean '" + s + "'?").orElse("; allowed here: " + String.join(", ", sorted(allowed)));
                findings.add(Finding.error(PlanCodes.UNKNOWN_KEY, keyPath, "unknown key '" + key + "'" + at(t.getKeyNode()) + hint));
            } else if (result.containsKey(key)) {
                duplicate(t.getKeyNode(), keyPath);
            } else {
                result.put(key, t.getValueNode());
            }
        }
        return result;
    }

    private MappingNode mapping(Node node, String path) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof MappingNode m) {
            return m;
        }
        wrongType(node, path, path + " must be a mapping of keys to values");
        return null;
    }

    private String string(Node node, String path) {
        return trimSpaces(exactString(node, path));
    }

    /** The value as written, spaces and line breaks kept: what an annotation value is to Kubernetes. */
    private String exactString(Node node, String path) {
        if (node == null || isNull(node)) {
            return "";
        }
        String text = scalarText(node);
        if (text == null) {
            wrongType(node, path, path + " must be a single value, not a list or mapping");
            return "";
        }
        return text;
    }

    /** Only spaces: a control character at either end is the validator's to refuse, not ours to drop silently. */
    private static String trimSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private <E extends Enum<E> & PlanEnum> E choice(Node node, String path, Class<E> type, E fallback) {
        String text = string(node, path);
        if (text.isEmpty()) {
            return fallback;
        }
        return PlanEnum.parse(type, text).orElseGet(() -> {
            findings.add(Finding.error(PlanCodes.UNKNOWN_VALUE, path,
                    "'" + text + "' is not a valid " + path + at(node) + "; use one of: " + PlanEnum.choices(type)));
            return fallback;
        });
    }

    private void wrongType(Node node, String path, String message) {
        findings.add(Finding.error(PlanCodes.WRONG_TYPE, path, message + at(node)));
    }

    private void duplicate(Node keyNode, String path) {
        findings.add(Finding.error(PlanCodes.DUPLICATE_KEY, path,
                "key '" + scalarText(keyNode) + "' appears twice" + at(keyNode) + "; keep one of them"));
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String at(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? "" : " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
