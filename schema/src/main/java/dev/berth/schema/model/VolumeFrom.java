package dev.berth.schema.model;

/** Mounts all volumes of another container of the same task. */
public record VolumeFrom(String sourceContainer, Boolean readOnly) {
}
