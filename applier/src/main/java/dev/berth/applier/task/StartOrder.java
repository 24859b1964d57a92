package dev.berth.applier.task;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.ContainerDependency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order a task's containers start in: each after the containers it depends on, otherwise as declared. */
final class StartOrder {
    private StartOrder() {
    }

    /** @throws IllegalArgumentException on a dependency cycle or an unknown container, which validation rejects */
    static List<ContainerDefinition> of(List<ContainerDefinition> containers) {
        Map<String, ContainerDefinition> pending = new LinkedHashMap<>();
        containers.forEach(c -> pending.put(c.name(), c));
        List<ContainerDefinition> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            ContainerDefinition next = pending.values().stream()
                    .filter(c -> c.dependsOn().stream().allMatch(d -> started(d, order)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "containers " + pending.keySet() + " depend on each other or on unknown containers"));
            order.add(next);
            pending.remove(next.name());
        }
        return List.copyOf(order);
    }

    private static boolean started(ContainerDependency dependency, List<ContainerDefinition> order) {
        return order.stream().anyMatch(c -> c.name().equals(dependency.containerName()));
    }
}
