package dev.berth.schema.expression;

import dev.berth.schema.expression.ClusterQuery.Subject;
import dev.berth.schema.source.Echo;
import dev.berth.schema.expression.QueryLexer.Kind;
import dev.berth.schema.expression.QueryLexer.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive-descent parser for the ECS cluster query language of {@code memberOf} constraints.
 * Precedence: not &gt; and &gt; or; keywords are case-insensitive.
 *
 * <pre>
 * query     := or END
 * or        := and (("or" | "||") and)*
 * and       := unary (("and" | "&amp;&amp;") unary)*
 * unary     := ("not" | "!") unary | "(" or ")" | predicate
 * predicate := subject ("==" value | "!=" value | "=~" value | "!~" value
 *                       | "in" list | "not" "in" list | "exists")
 * list      := "[" value ("," value)* "]"
 * </pre>
 */
public final class ClusterQueryParser {
    private static final String OPERATORS = "==, !=, in, not in, =~, !~ or exists";
    /** Nesting of "not" and parentheses; far beyond any real constraint, and short of a deep stack. */
    static final int MAX_DEPTH = 32;

    private final List<Token> tokens;
    private int next;
    private int depth;

    private ClusterQueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static ClusterQuery parse(String expression) {
        ClusterQueryParser parser = new ClusterQueryParser(QueryLexer.tokenize(expression));
        ClusterQuery query = parser.or();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw error("unexpected " + rest.describe() + "; expected and, or, or the end of the expression", rest);
        }
        return query;
    }

    private ClusterQuery or() {
        ClusterQuery left = and();
        while (peek().isWord("or") || peek().isOperator("||")) {
            next++;
            left = new ClusterQuery.Or(left, and());
        }
        return left;
    }

    private ClusterQuery and() {
        ClusterQuery left = unary();
        while (peek().isWord("and") || peek().isOperator("&&")) {
            next++;
            left = new ClusterQuery.And(left, unary());
        }
        return left;
    }

    private ClusterQuery unary() {
        Token token = peek();
        boolean negation = token.isWord("not") || token.isOperator("!");
        if (!negation && token.kind() != Kind.LPAREN) {
            return predicate();
        }
        if (++depth > MAX_DEPTH) {
            throw error("the expression nests \"not\" and parentheses more than " + MAX_DEPTH + " levels deep", token);
        }
        next++;
        ClusterQuery inner;
        if (negation) {
            inner = new ClusterQuery.Not(unary());
        } else {
            inner = or();
            expect(Kind.RPAREN, "expected \")\" to close the \"(\" at column " + (token.offset() + 1));
        }
        depth--;
        return inner;
    }

    private ClusterQuery predicate() {
        Subject subject = subject();
        Token operator = take();
        if (operator.isOperator("==") || operator.isOperator("!=")) {
            return new ClusterQuery.Compare(subject, operator.text().equals("=="), value(operator).text());
        }
        if (operator.isOperator("=~") || operator.isOperator("!~")) {
            return new ClusterQuery.Matches(subject, operator.text().equals("!~"), pattern(value(operator)));
        }
        if (operator.isWord("in")) {
            return new ClusterQuery.In(subject, false, list());
        }
        if (operator.isWord("not")) {
            Token in = take();
            if (!in.isWord("in")) {
                throw error("expected \"in\" after \"not\" but found " + in.describe(), in);
            }
            return new ClusterQuery.In(subject, true, list());
        }
        if (operator.isWord("exists")) {
            return new ClusterQuery.Exists(subject);
        }
        String found = operator.kind() == Kind.END
                ? "missing operator after " + subject
                : "unknown operator " + operator.describe();
        throw error(found + "; expected " + OPERATORS, operator);
    }

    private Subject subject() {
        Token token = take();
        String text = token.text();
        boolean attribute = text.startsWith(Subject.ATTRIBUTE_PREFIX) && text.length() > Subject.ATTRIBUTE_PREFIX.length();
        if (token.kind() != Kind.WORD || !(attribute || text.equals(Subject.INSTANCE_ID))) {
            throw error("expected attribute:NAME or instanceId but found " + token.describe(), token);
        }
        return new Subject(text);
    }

    private Token value(Token after) {
        Token token = take();
        if (token.kind() != Kind.WORD && token.kind() != Kind.STRING) {
            throw error("expected a value after \"" + after.text() + "\" but found " + token.describe(), token);
        }
        return token;
    }

    private List<String> list() {
        Token open = expect(Kind.LBRACKET, "expected \"[\" to start the list of values");
        List<String> values = new ArrayList<>();
        values.add(value(open).text());
        while (peek().kind() == Kind.COMMA) {
            values.add(value(take()).text());
        }
        expect(Kind.RBRACKET, "expected \"]\" to close the list");
        return values;
    }

    /** Compiled now so that a bad regular expression fails validation, not placement. */
    private static Pattern pattern(Token value) {
        try {
            return Pattern.compile(value.text());
        } catch (PatternSyntaxException e) {
            int offset = value.contentOffset() + Math.max(0, Math.min(e.getIndex(), value.text().length()));
            throw new ClusterQuerySyntaxException("invalid regular expression " + Echo.quoted(value.text()) + ": "
                    + e.getDescription(), offset);
        }
    }

    private Token expect(Kind kind, String message) {
        Token token = take();
        if (token.kind() != kind) {
            throw error(message + " but found " + token.describe(), token);
        }
        return token;
    }

    private Token peek() {
        return tokens.get(next);
    }

    /** Consumes a token; END is never consumed, so peeking after it stays safe. */
    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private static ClusterQuerySyntaxException error(String reason, Token at) {
        return new ClusterQuerySyntaxException(reason, at.offset());
    }
}
