package dev.berth.planner.placement;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.PortMapping;
import dev.berth.schema.model.TaskDefinition;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * One task looking for a host: whose it is and what it reserves (CPU units and MiB, and the fixed
 * host ports it publishes, as {@code 8080/tcp}: no two tasks on a host can hold one, ECS's port
 * resource).
 */
public record TaskAsk(String service, int cpu, int memory, Set<String> hostPorts) {
    public TaskAsk {
        hostPorts = Set.copyOf(hostPorts);
    }

    public TaskAsk(String service, int cpu, int memory) {
        this(service, cpu, memory, Set.of());
    }

    /**
     * What ECS reserves for a task on an EC2 instance: the task-level cpu and memory; where one is
     * unset, the sum over the containers (a container's memoryReservation, its soft limit, when it
     * has one, else its hard memory limit); nothing when the containers do not say either.
     */
    public static TaskAsk of(String service, TaskDefinition definition) {
        return new TaskAsk(service,
                orContainers(definition.cpu(), definition, c -> orZero(c.cpu())),
                orContainers(definition.memory(), definition,
                        c -> c.memoryReservation() != null ? c.memoryReservation() : orZero(c.memory())),
                hostPorts(definition));
    }

    /** The same reservation, holding the ports a running task was seen publishing instead. */
    public TaskAsk holding(Set<String> ports) {
        return new TaskAsk(service, cpu, memory, ports);
    }

    /**
     * {@code hostPort/protocol} of every mapping with a fixed host port (0 asks for any free one);
     * none with awsvpc or none, whose tasks publish nothing on the host.
     */
    private static Set<String> hostPorts(TaskDefinition definition) {
        Set<String> ports = new TreeSet<>();
        if (definition.networkMode() == NetworkMode.awsvpc || definition.networkMode() == NetworkMode.none) {
            return ports;
        }
        for (ContainerDefinition container : definition.containerDefinitions()) {
            for (PortMapping mapping : container.portMappings()) {
                if (mapping.hostPort() != null && mapping.hostPort() != 0) {
                    ports.add(port(mapping.hostPort(), mapping.protocol() == null ? "tcp" : mapping.protocol().name()));
                }
            }
        }
        return ports;
    }

    /** As {@link dev.berth.planner.observed.ObservedTask#hostPorts} names a published one. */
    private static String port(int hostPort, String protocol) {
        return hostPort + "/" + protocol;
    }

    private static int orContainers(Integer taskLevel, TaskDefinition definition,
                                    ToIntFunction<ContainerDefinition> containerLevel) {
        return taskLevel != null ? taskLevel
                : definition.containerDefinitions().stream().mapToInt(containerLevel).sum();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
