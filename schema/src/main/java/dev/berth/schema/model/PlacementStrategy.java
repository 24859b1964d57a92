package dev.berth.schema.model;

/**
 * One placement strategy; a service chains them in order.
 *
 * @param field {@code cpu}/{@code memory} for binpack; {@code instanceId} or
 *              {@code attribute:NAME} for spread; unused for random
 */
public record PlacementStrategy(Type type, String field) {
    public enum Type { spread, binpack, random }
}
