package dev.berth.schema.yaml;

/**
 * Lets JSON indented with tabs through. YAML 1.2 allows tabs as separation space inside flow
 * collections ({@code {...}}, {@code [...]}), which is where a pasted JSON object lands, but
 * SnakeYAML refuses a tab wherever a token may start. A tab there becomes one space, so every line
 * and column of the file stays where it was; tabs in block context (real indentation), in quoted
 * text, in comments and inside plain scalars are left alone, so YAML's own rule still applies.
 */
final class FlowTabs {
    private FlowTabs() {
    }

    static String untab(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        char[] out = text.toCharArray();
        int depth = 0;
        char quote = 0;
        int blockScalarIndent = -1;
        int lineStart = 0;
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c == '\n') {
                lineStart = i + 1;
                if (blockScalarIndent >= 0 && depth == 0 && quote == 0) {
                    int next = skipBlockScalarLines(out, i + 1, blockScalarIndent);
                    if (next > i + 1) {
                        blockScalarIndent = -1;
                        i = next - 1;
                        lineStart = next;
                        continue;
                    }
                    blockScalarIndent = -1;
                }
                continue;
            }
            if (quote != 0) {
                if (quote == '"' && c == '\\') {
                    i++;
                } else if (c == quote) {
                    if (quote == '\'' && i + 1 < out.length && out[i + 1] == '\'') {
                        i++;
                    } else {
                        quote = 0;
                    }
                }
                continue;
            }
            boolean tokenStart = tokenStart(out, lineStart, i, depth);
            if (c == '#' && (i == lineStart || isBlank(out[i - 1]))) {
                i = endOfLine(out, i) - 1;
            } else if ((c == '"' || c == '\'') && tokenStart) {
                quote = c;
            } else if ((c == '{' || c == '[') && tokenStart) {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if ((c == '|' || c == '>') && depth == 0 && tokenStart) {
                blockScalarIndent = indent(out, lineStart);
            } else if (c == '\t' && depth > 0 && separates(out, lineStart, i)) {
                out[i] = ' ';
            }
        }
        return new String(out);
    }

    /** Whether a token may start at {@code i}: at the start of a line, or after an indicator. */
    private static boolean tokenStart(char[] text, int lineStart, int i, int depth) {
        int p = i - 1;
        while (p >= lineStart && isBlank(text[p])) {
            p--;
        }
        if (p < lineStart) {
            return true;
        }
        char before = text[p];
        boolean spaced = p < i - 1;
        return switch (before) {
            case '{', '[', ',' -> depth > 0;
            case ':', '-', '?' -> spaced || depth > 0 && before == ':';
            default -> false;
        };
    }

    /** A tab that stands between tokens (leading space, or next to an indicator), not inside a plain scalar. */
    private static boolean separates(char[] text, int lineStart, int i) {
        int before = i - 1;
        while (before >= lineStart && isBlank(text[before])) {
            before--;
        }
        int after = i + 1;
        while (after < text.length && isBlank(text[after])) {
            after++;
        }
        if (before < lineStart || after >= text.length) {
            return true;
        }
        return "{[,:".indexOf(text[before]) >= 0 || "}],:\"'#\r\n{[".indexOf(text[after]) >= 0;
    }

    private static int skipBlockScalarLines(char[] text, int from, int parentIndent) {
        int i = from;
        while (i < text.length) {
            int end = endOfLine(text, i);
            boolean blank = true;
            for (int j = i; j < end; j++) {
                blank &= isBlank(text[j]) || text[j] == '\r';
            }
            if (!blank && indent(text, i) <= parentIndent) {
                return i;
            }
            i = end + 1;
        }
        return text.length;
    }

    private static int indent(char[] text, int lineStart) {
        int i = lineStart;
        while (i < text.length && text[i] == ' ') {
            i++;
        }
        return i - lineStart;
    }

    private static int endOfLine(char[] text, int i) {
        while (i < text.length && text[i] != '\n') {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
