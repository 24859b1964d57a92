package dev.berth.schema.model;

/** A service-discovery namespace: one Docker network in which services answer to their names. */
public record Namespace(String cluster, String description) {
}
