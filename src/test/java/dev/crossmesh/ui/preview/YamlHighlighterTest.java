package dev.crossmesh.ui.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

class YamlHighlighterTest {
    @Test
    void keysValuesCommentsBlocksAndHiddenSecretsGetTheirStyles() {
        String yaml = "# header\napiVersion: v1\nmetadata:\n  name: \"x\" # trailing\n  labels: {}\nspec:\n  replicas: 2\n  hostNetwork: false\n"
                + "  ports:\n  - name: tls\n    port: 15443\ndata:\n  cert: |\n    -----BEGIN CERTIFICATE-----\n    abc\n  key: <hidden: secret value, shown only in exported files>\n";
        StyleSpans<Collection<String>> spans = YamlHighlighter.highlight(yaml);
        assertEquals(yaml.length(), spans.length(), "spans cover the text exactly");
        List<String> styled = styledPieces(yaml, spans);
        assertEquals(List.of(
                "yaml-comment:# header", "yaml-key:apiVersion", "yaml-colon::", "yaml-value:v1",
                "yaml-key:metadata", "yaml-colon::",
                "yaml-key:name", "yaml-colon::", "yaml-string:\"x\" ", "yaml-comment:# trailing",
                "yaml-key:labels", "yaml-colon::", "yaml-indicator:{}",
                "yaml-key:spec", "yaml-colon::", "yaml-key:replicas", "yaml-colon::", "yaml-number:2",
                "yaml-key:hostNetwork", "yaml-colon::", "yaml-keyword:false",
                "yaml-key:ports", "yaml-colon::", "yaml-dash:- ", "yaml-key:name", "yaml-colon::", "yaml-value:tls",
                "yaml-key:port", "yaml-colon::", "yaml-number:15443",
                "yaml-key:data", "yaml-colon::", "yaml-key:cert", "yaml-colon::", "yaml-indicator:|",
                "yaml-block:    -----BEGIN CERTIFICATE-----", "yaml-block:    abc",
                "yaml-key:key", "yaml-colon::", "yaml-secret:<hidden: secret value, shown only in exported files>"), styled);
    }

    @Test
    void emptyTextHasOneEmptySpan() {
        assertEquals(0, YamlHighlighter.highlight("").length());
    }

    private static List<String> styledPieces(String text, StyleSpans<Collection<String>> spans) {
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                out.add(String.join(",", span.getStyle()) + ":" + text.substring(at, at + span.getLength()));
            }
            at += span.getLength();
        }
        return out;
    }
}
