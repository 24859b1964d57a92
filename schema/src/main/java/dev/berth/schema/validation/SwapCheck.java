package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.LinuxParameters;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * maxSwap is swap beside the container's memory limit, so it needs one (Docker refuses a swap limit
 * without a memory limit); swappiness without maxSwap is ignored, as on ECS, with a warning saying so.
 */
final class SwapCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            for (int c = 0; c < task.containerDefinitions().size(); c++) {
                ContainerDefinition container = task.containerDefinitions().get(c);
                LinuxParameters linux = container.linuxParameters();
                if (linux == null) {
                    continue;
                }
                String at = child(StackPointers.container(family, c), "linuxParameters");
                if (linux.maxSwap() != null && task.memoryLimitMiB(container) == null) {
                    out.error(positions.value(child(at, "maxSwap")), "container \"" + container.name() + "\" has "
                            + "maxSwap but no memory limit to add it to; set its memory (or the task's memory, when it "
                            + "is the task's only container)");
                }
                if (linux.swappiness() != null && linux.maxSwap() == null) {
                    out.warning(positions.value(child(at, "swappiness")), "swappiness is ignored without maxSwap, "
                            + "as on ECS; set maxSwap for it to count");
                }
            }
        });
    }
}
