package dev.berth.planner.placement;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.TaskDefinition;
import java.util.function.ToIntFunction;

/** One task looking for a host: whose it is and what it reserves (CPU units and MiB). */
public record TaskAsk(String service, int cpu, int memory) {

    /**
     * What ECS reserves for a task on an EC2 instance: the task-level cpu and memory; where one is
     * unset, the sum over the containers (a container's memoryReservation, its soft limit, when it
     * has one, else its hard memory limit); nothing when the containers do not say either.
     */
    public static TaskAsk of(String service, TaskDefinition definition) {
        return new TaskAsk(service,
                orContainers(definition.cpu(), definition, c -> orZero(c.cpu())),
                orContainers(definition.memory(), definition,
                        c -> c.memoryReservation() != null ? c.memoryReservation() : orZero(c.memory())));
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
