package dev.berth.planner.expected;

import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a task's containers differ from what its task definition creates: edits made by hand (a
 * {@code docker update}, a container removed or added). Drift reports them; the planner replaces
 * such a task, so the next apply repairs what drift found.
 */
public final class TaskEdits {
    private TaskEdits() {
    }

    /** One line per difference, "container app: memory: expected 64 MiB, found 48 MiB"; empty when none. */
    public static List<String> of(TaskDefinition definition, ObservedTask task) {
        List<String> edits = new ArrayList<>();
        for (ContainerDefinition declared : definition.containerDefinitions()) {
            if (task.containers().stream().noneMatch(c -> declared.name().equals(c.containerName()))) {
                edits.add("container " + declared.name() + " is missing from the task");
            }
        }
        for (ObservedContainer container : task.containers()) {
            Optional<ContainerDefinition> declared = definition.containerDefinitions().stream()
                    .filter(cd -> cd.name().equals(container.containerName())).findFirst();
            if (declared.isEmpty()) {
                edits.add("container " + container.containerName() + " is not in the task definition");
            } else if (container.config() != null) {
                ExpectedContainerConfig.differences(ExpectedContainerConfig.of(definition, declared.get()),
                        container.config()).forEach(line -> edits.add("container " + container.containerName()
                        + ": " + line));
            }
        }
        return edits;
    }
}
