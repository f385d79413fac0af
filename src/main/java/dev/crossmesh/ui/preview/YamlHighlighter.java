package dev.crossmesh.ui.preview;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Style spans for the YAML the renderer writes (block style, two-space indent): keys, scalars by kind, comments,
 * list dashes, block scalars such as PEM certificates, and the note that stands for a hidden secret value.
 * Line based, which is enough for that output and keeps highlighting instant for long manifests.
 */
public final class YamlHighlighter {
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)((?:- )*)([^\\s#'\"][^:#]*?|\"[^\"]*\"|'[^']*'):(?=\\s|$)(\\s*)(.*)$");
    private static final Pattern DASH_LINE = Pattern.compile("^(\\s*)((?:- )+)(.*)$");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern KEYWORD = Pattern.compile("true|false|null|~|yes|no|on|off", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_START = Pattern.compile("[|>][-+]?\\d*");

    private YamlHighlighter() {
    }

    public static StyleSpans<Collection<String>> highlight(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        if (text.isEmpty()) {
            spans.add(List.of(), 0);
            return spans.create();
        }
        String[] lines = text.split("\n", -1);
        int blockIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int indent = indentOf(line);
            if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
                add(spans, "yaml-block", line.length());
            } else {
                blockIndent = -1;
                blockIndent = styleLine(spans, line, indent);
            }
            if (i < lines.length - 1) {
                add(spans, null, 1);
            }
        }
        return spans.create();
    }

    /** Styles one line; @return the indent under which a block scalar follows, or -1 */
    private static int styleLine(StyleSpansBuilder<Collection<String>> spans, String line, int indent) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#")) {
            add(spans, null, line.length() - line.stripLeading().length());
            add(spans, "yaml-comment", line.stripLeading().length());
            return -1;
        }
        if (trimmed.equals("---") || trimmed.equals("...")) {
            add(spans, "yaml-document", line.length());
            return -1;
        }
        Matcher key = KEY_LINE.matcher(line);
        if (key.matches()) {
            add(spans, null, key.group(1).length());
            add(spans, "yaml-dash", key.group(2).length());
            add(spans, "yaml-key", key.group(3).length());
            add(spans, "yaml-colon", 1);
            add(spans, null, key.group(4).length());
            String value = key.group(5);
            styleValue(spans, value);
            return BLOCK_START.matcher(value.strip()).matches() ? indent + key.group(2).length() : -1;
        }
        Matcher dash = DASH_LINE.matcher(line);
        if (dash.matches()) {
            add(spans, null, dash.group(1).length());
            add(spans, "yaml-dash", dash.group(2).length());
            styleValue(spans, dash.group(3));
            return -1;
        }
        styleValue(spans, line);
        return -1;
    }

    private static void styleValue(StyleSpansBuilder<Collection<String>> spans, String value) {
        if (value.isEmpty()) {
            return;
        }
        int comment = commentStart(value);
        String scalar = comment < 0 ? value : value.substring(0, comment);
        String stripped = scalar.strip();
        int lead = scalar.length() - scalar.stripLeading().length();
        add(spans, null, lead);
        String style;
        if (stripped.startsWith("<hidden")) {
            style = "yaml-secret";
        } else if (stripped.startsWith("\"") || stripped.startsWith("'")) {
            style = "yaml-string";
        } else if (NUMBER.matcher(stripped).matches()) {
            style = "yaml-number";
        } else if (KEYWORD.matcher(stripped).matches()) {
            style = "yaml-keyword";
        } else if (BLOCK_START.matcher(stripped).matches() || stripped.equals("{}") || stripped.equals("[]")) {
            style = "yaml-indicator";
        } else {
            style = "yaml-value";
        }
        add(spans, style, scalar.length() - lead);
        if (comment >= 0) {
            add(spans, "yaml-comment", value.length() - comment);
        }
    }

    /** Where a trailing comment starts ('#' after a space, outside quotes), or -1. */
    private static int commentStart(String value) {
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(value.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static void add(StyleSpansBuilder<Collection<String>> spans, String style, int length) {
        if (length > 0) {
            spans.add(style == null ? List.of() : List.of(style), length);
        }
    }
}
