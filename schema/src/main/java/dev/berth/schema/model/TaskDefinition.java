package dev.berth.schema.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The memory limit of one of its containers in MiB, null for none: a lone container may use all
     * of the task's memory; with several, only their own limits apply.
     */
    public Integer memoryLimitMiB(ContainerDefinition container) {
        if (container.memory() != null) {
            return container.memory();
        }
        return containerDefinitions.size() == 1 ? memory : null;
    }

    /**
     * The container with the port mapping of that name (Service Connect's {@code portName}), and
     * that mapping; empty when no container names a port so.
     */
    public Optional<Map.Entry<ContainerDefinition, PortMapping>> namedPort(String name) {
        for (ContainerDefinition container : containerDefinitions) {
            for (PortMapping mapping : container.portMappings()) {
                if (name != null && name.equals(mapping.name())) {
                    return Optional.of(Map.entry(container, mapping));
                }
            }
        }
        return Optional.empty();
    }

    public enum Compatibility { EC2, FARGATE, EXTERNAL }

    public enum PidMode { host, task }

    public enum IpcMode { host, task, none }
}
