package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.berth.schema.source.SourceMap.child;

/**
 * dependsOn must not form a cycle, or no container of the cycle can ever start. Each cycle is
 * reported once, at the dependsOn entry of its first declared container that leads into it.
 * Self-dependencies and unknown names are left to {@link ContainerReferenceCheck}.
 */
final class ContainerDependencyCycleCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> check(family, task, positions, out));
    }

    private static void check(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        List<ContainerDefinition> containers = task.containerDefinitions();
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < containers.size(); i++) {
            indexOf.putIfAbsent(containers.get(i).name(), i);
        }
        for (List<Integer> cycle : DependencyCycles.of(containers.size(), i -> containers.get(i).dependsOn().stream()
                .map(d -> indexOf.get(d.containerName())).toList())) {
            int first = cycle.getFirst();
            String next = containers.get(cycle.get(1)).name();
            int entry = 0;
            while (!containers.get(first).dependsOn().get(entry).containerName().equals(next)) {
                entry++;
            }
            out.error(positions.value(child(StackPointers.container(family, first), "dependsOn", entry,
                            "containerName")),
                    "containers of task definition \"" + family + "\" depend on each other in a cycle: "
                            + String.join(" -> ", cycle.stream().map(i -> containers.get(i).name()).toList())
                            + ", so none of them can start; remove one of these dependsOn entries");
        }
    }
}
