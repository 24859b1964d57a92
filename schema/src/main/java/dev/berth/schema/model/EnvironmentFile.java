package dev.berth.schema.model;

/**
 * A file of {@code VARIABLE=VALUE} lines for a container's environment. {@code value} is the path
 * as written (relative to the stack file that declares it), so the revision hash does not depend on
 * where the stack is checked out; the variables are read when berth plans and applies and are never
 * part of the model.
 */
public record EnvironmentFile(String value, Type type) {
    public enum Type { file, s3 }
}
