package dev.berth.schema.compose;

import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.yaml.NodeConverter.ScalarRewriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's interpolation turned into berth's: compose fills {@code ${VAR}} from the shell or
 * {@code .env} each time it runs, so the stack keeps {@code ${VAR}} as a berth variable, filled at
 * each apply. {@code ${VAR:-default}} and {@code ${VAR-default}} give the variable its default (a
 * value in {@code .env} wins, as in compose), {@code ${VAR:?message}} makes it required, and so does
 * a bare {@code ${VAR}} nothing gives a value (compose would substitute an empty string). {@code $$}
 * is compose's literal {@code $}; {@code $VAR} is {@code ${VAR}}.
 */
final class ComposeInterpolation implements ScalarRewriter {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^${}]*))?}");

    private final Map<String, String> dotEnv;
    /** The stack's variables and their defaults, null for a required one. */
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, SourcePosition> conflicts = new LinkedHashMap<>();
    private final Set<String> fromDotEnv = new LinkedHashSet<>();

    ComposeInterpolation(Map<String, String> dotEnv) {
        this.dotEnv = dotEnv;
    }

    Map<String, String> variables() {
        return variables;
    }

    /** Variables whose default is a value of {@code .env}. */
    Set<String> fromDotEnv() {
        return fromDotEnv;
    }

    /** Variables used with two different defaults: the first one is kept. */
    Map<String, SourcePosition> conflicts() {
        return conflicts;
    }

    @Override
    public String rewrite(String text, SourcePosition contentStart, boolean singleLine, Diagnostics out) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            SourcePosition at = singleLine
                    ? new SourcePosition(contentStart.file(), contentStart.line(), contentStart.column() + i)
                    : contentStart;
            if (c != '$' || i + 1 == text.length()) {
                result.append(c);
                i++;
            } else if (text.charAt(i + 1) == '$') {
                // A literal $; before { it must stay literal for berth too.
                result.append(i + 2 < text.length() && text.charAt(i + 2) == '{' ? "$$" : "$");
                i += 2;
            } else if (text.charAt(i + 1) == '{') {
                Matcher braced = BRACED.matcher(text).region(i, text.length());
                if (!braced.lookingAt()) {
                    out.error(at, "compose interpolation berth cannot carry over: write ${VAR}, ${VAR:-default}, "
                            + "${VAR-default} or ${VAR:?message} (nested and ${VAR:+...} forms are not imported), "
                            + "or $$ for a literal $");
                    return null;
                }
                String operator = braced.group(2);
                if (operator != null && operator.endsWith("+")) {
                    out.error(at, "${VAR:+replacement} has no berth equivalent; replace it with a value or ${VAR}");
                    return null;
                }
                use(braced.group(1), operator != null && operator.endsWith("-") ? braced.group(3) : null, at);
                result.append("${").append(braced.group(1)).append('}');
                i = braced.end();
            } else {
                Matcher name = NAME.matcher(text).region(i + 1, text.length());
                if (name.lookingAt()) {
                    use(name.group(), null, at);
                    result.append("${").append(name.group()).append('}');
                    i = name.end();
                } else {
                    result.append(c);
                    i++;
                }
            }
        }
        return result.toString();
    }

    /** A pass-through environment entry ({@code - NAME} in compose): the value comes from where compose runs. */
    String passThrough(String name, SourcePosition at) {
        use(name, null, at);
        return "${" + name + "}";
    }

    private void use(String name, String defaultValue, SourcePosition at) {
        String value = dotEnv.containsKey(name) ? dotEnv.get(name) : defaultValue;
        if (dotEnv.containsKey(name)) {
            fromDotEnv.add(name);
        }
        if (!variables.containsKey(name) || variables.get(name) == null) {
            variables.put(name, value);
        } else if (value != null && !value.equals(variables.get(name))) {
            conflicts.putIfAbsent(name, at);
        }
    }
}
