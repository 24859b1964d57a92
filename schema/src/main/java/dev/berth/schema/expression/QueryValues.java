package dev.berth.schema.expression;

import java.util.Locale;
import java.util.Set;

/** The lexical rules for bare words, shared by the lexer and the normalized printer. */
final class QueryValues {
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "exists");

    private QueryValues() {
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || ".-_*/:".indexOf(c) >= 0;
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** A value printed so that it parses back to itself: bare when it can be, else quoted. */
    static String print(String value) {
        boolean bare = !value.isEmpty() && value.chars().allMatch(c -> isWordChar((char) c)) && !isKeyword(value);
        if (bare) {
            return value;
        }
        return value.indexOf('"') < 0 ? '"' + value + '"' : "'" + value + "'";
    }
}
