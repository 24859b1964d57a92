package dev.berth.schema.validation;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * Runs the schema's patterns with the meaning JSON Schema gives them (ECMAScript's), which is
 * also what editors check: java.util.regex differs where it matters for names. Java's {@code $}
 * also matches before a final line break, so {@code stack: "hello\n"} would pass {@code ^[a-z]+$};
 * ECMAScript's {@code $} is the end of the text, Java's {@code \z}. ECMAScript's {@code \s} covers
 * Unicode spaces such as U+00A0; Java's only with UNICODE_CHARACTER_CLASS.
 */
final class EcmaPatterns implements RegularExpressionFactory {
    static final EcmaPatterns INSTANCE = new EcmaPatterns();

    private EcmaPatterns() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(javaSyntax(regex), Pattern.UNICODE_CHARACTER_CLASS);
        return value -> {
            try {
                return pattern.matcher(value).find();
            } catch (StackOverflowError tooLong) {
                // java.util.regex recurses once per repetition of a group; a value long enough to
                // exhaust the stack is far beyond every maxLength, which reports it on its own.
                return false;
            }
        };
    }

    /** {@code $} outside a character class, not escaped, becomes {@code \z}. */
    static String javaSyntax(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 4);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == ']') {
                inClass = false;
                out.append(c);
            } else if (c == '$' && !inClass) {
                out.append("\\z");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
