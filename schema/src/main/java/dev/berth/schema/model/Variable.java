package dev.berth.schema.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A declared stack variable, written {@code default} in YAML; null when there is none. */
public record Variable(@JsonProperty("default") String defaultValue, Boolean required, String description) {
}
