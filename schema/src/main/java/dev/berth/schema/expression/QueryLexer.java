package dev.berth.schema.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits a cluster query into tokens; each token keeps its offset for error columns. */
final class QueryLexer {

    enum Kind { WORD, STRING, OPERATOR, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, END }

    /** {@code contentOffset} is where the value starts inside quotes, for regex error columns. */
    record Token(Kind kind, String text, int offset, int contentOffset) {
        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isOperator(String operator) {
            return kind == Kind.OPERATOR && text.equals(operator);
        }

        String describe() {
            return kind == Kind.END ? "the end of the expression" : '"' + text + '"';
        }
    }

    private static final List<String> TWO_CHAR_OPERATORS = List.of("==", "!=", "=~", "!~", "&&", "||");
    private static final String OPERATOR_CHARS = "=!<>~&|";

    private final String text;
    private int pos;

    private QueryLexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new QueryLexer(text).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos == text.length()) {
                tokens.add(new Token(Kind.END, "", pos, pos));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        Kind punctuation = switch (c) {
            case '(' -> Kind.LPAREN;
            case ')' -> Kind.RPAREN;
            case '[' -> Kind.LBRACKET;
            case ']' -> Kind.RBRACKET;
            case ',' -> Kind.COMMA;
            default -> null;
        };
        if (punctuation != null) {
            pos++;
            return new Token(punctuation, String.valueOf(c), start, start);
        }
        if (c == '"' || c == '\'') {
            int close = text.indexOf(c, start + 1);
            if (close < 0) {
                throw new ClusterQuerySyntaxException("unterminated string; close it with " + c, start);
            }
            pos = close + 1;
            return new Token(Kind.STRING, text.substring(start + 1, close), start, start + 1);
        }
        if (QueryValues.isWordChar(c)) {
            while (pos < text.length() && QueryValues.isWordChar(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.WORD, text.substring(start, pos), start, start);
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return operator(start);
        }
        throw new ClusterQuerySyntaxException("unexpected character \"" + c + "\"; quote values that contain it", start);
    }

    /** Known operators win; any other run of operator characters becomes one token the parser rejects by name. */
    private Token operator(int start) {
        String two = text.substring(start, Math.min(start + 2, text.length()));
        if (TWO_CHAR_OPERATORS.contains(two)) {
            pos += 2;
        } else if (text.charAt(start) == '!') {
            pos++;
        } else {
            while (pos < text.length() && OPERATOR_CHARS.indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }
        return new Token(Kind.OPERATOR, text.substring(start, pos), start, start);
    }
}
