package dev.berth.planner.expected;

import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.TaskDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a task's containers differ from what its task definition creates: edits made by hand (a
 * {@code docker update}, a container removed or added, a label changed). Drift reports them; the
 * planner replaces such a task, so the next apply repairs what drift found.
 */
public final class TaskEdits {
    private TaskEdits() {
    }

    /**
     * One line per difference, "container app: memory: expected 64 MiB, found 48 MiB"; empty when none.
     *
     * @param family the family the task's service runs, which its containers' labels must name
     */
    public static List<String> of(String stack, String family, TaskDefinition definition, ObservedTask task) {
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
        labelEdits(stack, family, task, edits);
        return edits;
    }

    /** Labels are how berth recognizes its objects, so a relabelled container is edited even if it runs fine. */
    private static void labelEdits(String stack, String family, ObservedTask task, List<String> edits) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(BerthLabels.STACK, stack);
        expected.put(BerthLabels.SERVICE, task.service());
        expected.put(BerthLabels.FAMILY, family);
        expected.put(BerthLabels.TASK, task.taskId());
        expected.put(BerthLabels.SPEC_HASH, task.specHash());
        for (ObservedContainer container : task.containers()) {
            expected.forEach((label, value) -> {
                String found = container.labels().get(label);
                if (value != null && !value.equals(found)) {
                    edits.add("container " + container.containerName() + ": label " + label + " is "
                            + (found == null ? "missing" : "\"" + found + "\"") + ", expected \"" + value + "\"");
                }
            });
        }
    }
}
