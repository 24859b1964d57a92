package dev.berth.schema.model;

/**
 * A resource a container reserves. Only GPUs run on Docker; the schema refuses ECS's
 * InferenceAccelerator, so it never reaches the model.
 *
 * @param value the number of GPUs, as text as ECS writes it
 */
public record ResourceRequirement(Type type, String value) {
    public enum Type { GPU }
}
