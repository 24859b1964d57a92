package dev.berth.schema.expression;

/**
 * A syntax error inside a one-line expression. {@link #offset()} is 0-based into the expression
 * text, so a caller can turn it into a file column; {@link #reason()} omits the column for callers
 * that report the position themselves.
 */
public class ExpressionSyntaxException extends RuntimeException {
    private final String reason;
    private final int offset;

    public ExpressionSyntaxException(String reason, int offset) {
        super(reason + " at column " + (offset + 1));
        this.reason = reason;
        this.offset = offset;
    }

    public String reason() {
        return reason;
    }

    public int offset() {
        return offset;
    }
}
