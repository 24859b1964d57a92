package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Container memory fits the task: a hard limit no larger than the task's, a reservation below the
 * container's own hard limit, and the reservations together (the hard limit where no
 * reservation is set, as ECS counts them) within the task memory.
 */
final class MemoryCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> checkTask(family, task, positions, out));
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        long reserved = 0;
        for (int c = 0; c < task.containerDefinitions().size(); c++) {
            ContainerDefinition container = task.containerDefinitions().get(c);
            String at = StackPointers.container(family, c);
            String owner = "container \"" + container.name() + "\"";
            if (container.memory() != null && task.memory() != null && container.memory() > task.memory()) {
                out.error(positions.value(child(at, "memory")), owner + " has memory " + container.memory()
                        + " MiB, more than the " + task.memory() + " MiB of task definition \"" + family
                        + "\"; lower it or raise the task memory");
            }
            if (container.memoryReservation() != null && container.memory() != null
                    && container.memoryReservation() >= container.memory()) {
                // ECS: "If you specify both, memory must be greater than memoryReservation."
                out.error(positions.value(child(at, "memoryReservation")), owner + " reserves "
                        + container.memoryReservation() + " MiB (memoryReservation) with a memory limit of "
                        + container.memory() + " MiB; the reservation must be below the limit, as in ECS");
            }
            Integer counted = container.memoryReservation() != null ? container.memoryReservation() : container.memory();
            reserved += counted == null ? 0 : counted;
        }
        if (task.memory() != null && reserved > task.memory()) {
            out.error(positions.value(child(StackPointers.taskDefinition(family), "memory")), "the containers of "
                    + "task definition \"" + family + "\" reserve " + reserved + " MiB in total (memoryReservation, "
                    + "else memory), more than the task memory " + task.memory() + " MiB");
        }
    }
}
