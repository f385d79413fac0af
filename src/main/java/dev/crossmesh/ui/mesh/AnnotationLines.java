package dev.crossmesh.ui.mesh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway annotations as the user types them: one {@code key=value} per line. Blank lines and lines starting
 * with '#' are ignored, so a half-written list can be kept aside while editing.
 */
public final class AnnotationLines {
    private AnnotationLines() {
    }

    /** @param problem what is wrong with the text, naming the line; "" when it parsed */
    public record Parsed(Map<String, String> annotations, String problem) {
        public boolean ok() {
            return problem.isEmpty();
        }
    }

    public static Parsed parse(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        String[] lines = (text == null ? "" : text).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                return new Parsed(result, "Line " + number + " '" + line + "' has no '=': write one annotation per line as name=value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.isEmpty()) {
                return new Parsed(result, "Line " + number + " has no name before '=': write one annotation per line as name=value");
            }
            Integer first = lineOf.putIfAbsent(key, number);
            if (first != null) {
                return new Parsed(result, "Line " + number + " sets annotation '" + key + "' again (line " + first
                        + " sets it already): keep one line per annotation");
            }
            result.put(key, value);
        }
        return new Parsed(result, "");
    }

    public static String format(Map<String, String> annotations) {
        return annotations.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }
}
