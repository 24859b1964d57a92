package dev.berth.planner.placement;

import dev.berth.schema.model.TaskDefinition;

/** One task looking for a host: whose it is and what it reserves (task-level CPU units and MiB). */
public record TaskAsk(String service, int cpu, int memory) {

    /** A task reserves its definition's task-level cpu and memory; unset reserves nothing. */
    public static TaskAsk of(String service, TaskDefinition definition) {
        return new TaskAsk(service, orZero(definition.cpu()), orZero(definition.memory()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
