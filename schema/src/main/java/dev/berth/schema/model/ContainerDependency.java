package dev.berth.schema.model;

/** Orders container start within a task. */
public record ContainerDependency(String containerName, Condition condition) {
    public enum Condition { START, COMPLETE, SUCCESS, HEALTHY }
}
