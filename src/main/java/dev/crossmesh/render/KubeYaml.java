package dev.crossmesh.render;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/** YAML as kubectl users write it: block style, two-space indent, multi-line strings (PEM) as literal blocks. */
public final class KubeYaml {
    private static final ThreadLocal<Yaml> DUMPER = ThreadLocal.withInitial(KubeYaml::newDumper);

    private KubeYaml() {
    }

    public static String dump(Object document) {
        return DUMPER.get().dump(document);
    }

    /** Parses every document of a multi-document YAML text into maps. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> loadAll(String text) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Iterator<Object> docs = yaml.loadAll(text).iterator();
        java.util.ArrayList<Map<String, Object>> result = new java.util.ArrayList<>();
        while (docs.hasNext()) {
            Object doc = docs.next();
            if (doc != null) {
                result.add((Map<String, Object>) doc);
            }
        }
        return result;
    }

    private static Yaml newDumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        // the same list or map twice in one object is written out twice: people read this YAML, not anchors
        options.setDereferenceAliases(true);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(4096);
        options.setSplitLines(false);
        return new Yaml(new LiteralBlockRepresenter(options), options);
    }

    private static final class LiteralBlockRepresenter extends Representer {
        LiteralBlockRepresenter(DumperOptions options) {
            super(options);
        }

        @Override
        protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
            if (Tag.STR.equals(tag) && value.indexOf('\n') >= 0 && style == DumperOptions.ScalarStyle.PLAIN) {
                return super.representScalar(tag, value, DumperOptions.ScalarStyle.LITERAL);
            }
            return super.representScalar(tag, value, style);
        }
    }
}
