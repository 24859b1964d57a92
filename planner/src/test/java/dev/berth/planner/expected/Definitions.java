package dev.berth.planner.expected;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.TaskDefinition;

import java.util.List;

/** Builds model records for tests, leaving every setting a test does not name unset. */
public final class Definitions {
    private Definitions() {
    }

    public static ContainerDefinition container(String name, String image, List<String> command,
                                                List<KeyValuePair> environment, List<Secret> secrets,
                                                Integer cpu, Integer memory, Integer memoryReservation) {
        return new ContainerDefinition(name, image, true, command, List.of(), environment, secrets, List.of(),
                cpu, memory, memoryReservation, null, List.of(), List.of(), List.of(), null, null, null, null,
                null, List.of(), null, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), null, null, null, null, null, null, null, null);
    }

    public static ContainerDefinition container(String name, String image) {
        return container(name, image, List.of(), List.of(), List.of(), null, null, null);
    }

    public static TaskDefinition task(Integer cpu, Integer memory, ContainerDefinition... containers) {
        return new TaskDefinition(List.of(TaskDefinition.Compatibility.EC2), NetworkMode.bridge, cpu, memory, null,
                List.of(containers), List.of(), List.of(), null, null);
    }
}
