package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.TaskDefinition;

import java.util.LinkedHashMap;
import java.util.Map;

/** A task's containers by name, in declaration order; the first wins when names repeat. */
final class ContainersByName {
    private ContainersByName() {
    }

    static Map<String, ContainerDefinition> of(TaskDefinition task) {
        Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
        for (ContainerDefinition container : task.containerDefinitions()) {
            byName.putIfAbsent(container.name(), container);
        }
        return byName;
    }
}
