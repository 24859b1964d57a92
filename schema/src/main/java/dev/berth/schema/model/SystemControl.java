package dev.berth.schema.model;

/** A namespaced kernel parameter of a container (Docker {@code --sysctl namespace=value}). */
public record SystemControl(String namespace, String value) {
}
