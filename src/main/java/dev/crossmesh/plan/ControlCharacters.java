package dev.crossmesh.plan;

import java.util.OptionalInt;

/**
 * Characters that must never reach a shell script, a log line or a terminal raw: C0 and C1 controls (newline, NUL,
 * ESC, ...), DEL, the Unicode line and paragraph separators (YAML line breaks) and the bidirectional overrides that
 * reorder what a terminal shows. A plan string holding one is refused; a value echoed back shows it escaped.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    public static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL
                || c == 0x2028 || c == 0x2029
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** The index of the first control character in {@code s}, if any. */
    public static OptionalInt firstIn(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** What the character is, in words a user recognises: "a newline (\n)", "ESC (\e)", "U+0085". */
    public static String describe(char c) {
        return switch (c) {
            case '\n' -> "a newline (\\n)";
            case '\r' -> "a carriage return (\\r)";
            case '\t' -> "a tab (\\t)";
            case '\0' -> "a NUL byte (\\0)";
            case 0x1B -> "an escape character (\\e, as in terminal colour codes)";
            default -> "the control character " + escape(String.valueOf(c));
        };
    }

    /** {@code s} with every control character written as an escape ({@code \n}, {@code \e}, {@code \u0085}), safe to print. */
    public static String escape(String s) {
        if (s == null || firstIn(s).isEmpty()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\0' -> b.append("\\0");
                case 0x1B -> b.append("\\e");
                default -> b.append(String.format("\\u%04X", (int) c));
            }
        }
        return b.toString();
    }
}
