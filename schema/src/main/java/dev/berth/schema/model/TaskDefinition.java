package dev.berth.schema.model;

import java.util.List;

/**
 * A task definition family as declared; berth assigns its revisions.
 *
 * @param cpu    task CPU units (1024 = one vCPU); null when unset
 * @param memory task memory in MiB; null when unset
 */
public record TaskDefinition(
        List<Compatibility> requiresCompatibilities,
        NetworkMode networkMode,
        Integer cpu,
        Integer memory,
        RuntimePlatform runtimePlatform,
        List<ContainerDefinition> containerDefinitions,
        List<Volume> volumes,
        List<PlacementConstraint> placementConstraints,
        PidMode pidMode,
        IpcMode ipcMode) {

    public TaskDefinition {
        requiresCompatibilities = Immutable.list(requiresCompatibilities);
        containerDefinitions = Immutable.list(containerDefinitions);
        volumes = Immutable.list(volumes);
        placementConstraints = Immutable.list(placementConstraints);
    }

    public enum Compatibility { EC2, FARGATE, EXTERNAL }

    public enum PidMode { host, task }

    public enum IpcMode { host, task, none }
}
