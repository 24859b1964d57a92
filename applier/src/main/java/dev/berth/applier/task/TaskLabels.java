package dev.berth.applier.task;

import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.model.ContainerDefinition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The ownership labels of a task's containers and task-scoped volumes. */
final class TaskLabels {
    private TaskLabels() {
    }

    /** Labels shared by every object of the task. */
    static Map<String, String> task(TaskSpec task) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BerthLabels.STACK, task.stack());
        labels.put(BerthLabels.KIND, BerthLabels.KIND_TASK);
        labels.put(BerthLabels.CLUSTER, task.host().cluster());
        labels.put(BerthLabels.SERVICE, task.service());
        labels.put(BerthLabels.FAMILY, task.family());
        labels.put(BerthLabels.REVISION, Integer.toString(task.revision()));
        labels.put(BerthLabels.SPEC_HASH, task.specHash());
        labels.put(BerthLabels.TASK, task.taskId());
        if (task.namespace() != null) {
            labels.put(BerthLabels.NAMESPACE, task.namespace());
            labels.put(BerthLabels.ALIASES, String.join(",", task.aliases()));
        }
        return labels;
    }

    /** The user's dockerLabels, overridden by the ownership labels so a definition cannot disown its containers. */
    static Map<String, String> container(TaskSpec task, ContainerDefinition container) {
        Map<String, String> labels = new LinkedHashMap<>(container.dockerLabels());
        labels.putAll(task(task));
        labels.put(BerthLabels.CONTAINER, container.name());
        labels.put(BerthLabels.ESSENTIAL, Boolean.toString(!Boolean.FALSE.equals(container.essential())));
        if (!container.secrets().isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            container.secrets().forEach(secret -> names.add(secret.name()));
            labels.put(BerthLabels.SECRET_NAMES, String.join(",", names));
        }
        return labels;
    }
}
