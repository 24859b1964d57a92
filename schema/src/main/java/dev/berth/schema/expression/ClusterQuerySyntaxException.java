package dev.berth.schema.expression;

/** A memberOf expression that does not parse. */
public final class ClusterQuerySyntaxException extends ExpressionSyntaxException {
    public ClusterQuerySyntaxException(String reason, int offset) {
        super(reason, offset);
    }
}
