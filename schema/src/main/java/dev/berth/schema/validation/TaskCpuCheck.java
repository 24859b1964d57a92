package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.TaskDefinition.Compatibility;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.Objects;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Task cpu outside Fargate stays within the ECS limits for EC2/EXTERNAL (128-10240 units), and
 * the containers together reserve no more cpu than the task has.
 */
final class TaskCpuCheck implements SemanticCheck {
    static final int MIN_CPU = 128;
    static final int MAX_CPU = 10240;

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> checkTask(family, task, positions, out));
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        if (task.cpu() == null) {
            return;
        }
        String pointer = child(StackPointers.taskDefinition(family), "cpu");
        // FargateCheck holds Fargate tasks to its own, stricter table
        boolean fargate = task.requiresCompatibilities().contains(Compatibility.FARGATE);
        if (!fargate && (task.cpu() < MIN_CPU || task.cpu() > MAX_CPU)) {
            out.error(positions.value(pointer), "task definition \"" + family + "\" has cpu " + task.cpu()
                    + ", but EC2 and EXTERNAL tasks take " + MIN_CPU + "-" + MAX_CPU + " cpu units (1024 = 1 vCPU)");
        }
        // In long: ten containers near Integer.MAX_VALUE must not wrap round to a sum that fits.
        long reserved = task.containerDefinitions().stream().map(ContainerDefinition::cpu)
                .filter(Objects::nonNull).mapToLong(Integer::longValue).sum();
        if (reserved > task.cpu()) {
            out.error(positions.value(pointer), "the containers of task definition \"" + family + "\" reserve "
                    + reserved + " cpu units in total, more than the task cpu " + task.cpu()
                    + "; raise the task cpu or lower the containers' cpu");
        }
    }
}
