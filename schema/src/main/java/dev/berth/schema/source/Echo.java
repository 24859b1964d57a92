package dev.berth.schema.source;

/**
 * Input repeated in a message: cut to a length a person reads, with control characters written
 * as escapes, so that a key holding a line break or ESC cannot forge a diagnostic of its own (or
 * a GitHub {@code ::warning} command) on the terminal or in a CI log.
 */
public final class Echo {
    /** Characters of input a message repeats; a name or value longer than this is cut. */
    public static final int MAX_ECHO = 60;

    private Echo() {
    }

    /** {@code "text"}, escaped, cut to {@link #MAX_ECHO} characters with "..." after the cut. */
    public static String quoted(String text) {
        return "\"" + cut(text) + "\"";
    }

    /** The text escaped and cut to {@link #MAX_ECHO} characters with "..." after the cut. */
    public static String cut(String text) {
        return text.length() > MAX_ECHO ? printable(text.substring(0, MAX_ECHO - 3)) + "..." : printable(text);
    }

    /** The text with C0 and C1 controls, DEL and Unicode line separators written as escapes. */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        ? String.format(java.util.Locale.ROOT, "\\u%04X", (int) c) : null;
            };
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
