package dev.berth.schema.model;

/**
 * A secret injected as an environment variable. {@code valueFrom} is {@code env:VAR} or
 * {@code file:PATH}; it is resolved at apply time and its value is never part of the model.
 */
public record Secret(String name, String valueFrom) {
}
