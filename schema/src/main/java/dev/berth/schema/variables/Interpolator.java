package dev.berth.schema.variables;

import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.Echo;
import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.validation.DidYouMean;
import dev.berth.schema.yaml.NodeConverter.ScalarRewriter;
import java.util.Optional;

/**
 * Replaces {@code ${name}} in scalar text with the variable's value; {@code $${} stands for a
 * literal {@code ${}. Errors point at the {@code ${} of the use when the scalar is on one line.
 */
public final class Interpolator implements ScalarRewriter {
    private final VariableValues values;

    public Interpolator(VariableValues values) {
        this.values = values;
    }

    @Override
    public String rewrite(String text, SourcePosition contentStart, boolean singleLine, Diagnostics out) {
        if (!text.contains("${")) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        boolean failed = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                result.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                SourcePosition at = singleLine
                        ? new SourcePosition(contentStart.file(), contentStart.line(), contentStart.column() + i)
                        : contentStart;
                if (close < 0) {
                    out.error(at, "unterminated \"${\": write ${name}, or $${ for a literal ${");
                    return null;
                }
                String name = text.substring(i + 2, close).strip();
                Optional<String> value = lookUp(name, at, out);
                failed |= value.isEmpty();
                value.ifPresent(result::append);
                i = close + 1;
            } else {
                result.append(text.charAt(i++));
            }
        }
        return failed ? null : result.toString();
    }

    private Optional<String> lookUp(String name, SourcePosition at, Diagnostics out) {
        if (!values.declared(name)) {
            out.error(at, "variable " + Echo.quoted(name) + " is not declared under variables:"
                    + DidYouMean.suggest(name, values.names(), out).map(s -> " did you mean \"" + s + "\"?")
                    .orElse(" declare it, or write $${ for a literal ${"));
            return Optional.empty();
        }
        Optional<String> value = values.value(name);
        if (value.isEmpty()) {
            out.error(at, missing(name));
        }
        return value;
    }

    static String missing(String name) {
        return "variable \"" + name + "\" is required but has no value; pass --var " + name
                + "=..., put it in a --var-file, or set " + VariableInputs.ENVIRONMENT_PREFIX + name;
    }

    /** Reports required variables that nothing supplied and no scalar used, at their declaration. */
    public void reportUnusedMissing(Diagnostics out) {
        values.unusedMissing().forEach((name, at) -> out.error(at, missing(name)));
    }
}
