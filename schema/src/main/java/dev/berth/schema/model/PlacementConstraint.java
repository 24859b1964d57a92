package dev.berth.schema.model;

/** {@code distinctInstance}, or {@code memberOf} with a cluster query expression. */
public record PlacementConstraint(Type type, String expression) {
    public enum Type { distinctInstance, memberOf }
}
