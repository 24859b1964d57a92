package dev.berth.schema.model;

/** A declared stack variable. {@code defaultValue} is null when there is none. */
public record Variable(String defaultValue, Boolean required, String description) {
}
