package dev.berth.schema.validation;

import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/** ECS needs at least one essential container: the one whose exit ends the task. */
final class EssentialContainerCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            boolean anyEssential = task.containerDefinitions().stream()
                    .anyMatch(container -> !Boolean.FALSE.equals(container.essential()));
            if (!anyEssential) {
                out.error(positions.key(child(StackPointers.taskDefinition(family), "containerDefinitions")),
                        "task definition \"" + family + "\" has no essential container; at least one container "
                                + "must be essential (remove essential: false from one, true is the default)");
            }
        });
    }
}
