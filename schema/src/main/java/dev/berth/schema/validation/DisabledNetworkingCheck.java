package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * A container with disableNetworking has no network of its own: it cannot publish ports, and with
 * networkMode awsvpc, where a task's containers share one network namespace, ECS refuses it.
 */
final class DisabledNetworkingCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            for (int c = 0; c < task.containerDefinitions().size(); c++) {
                ContainerDefinition container = task.containerDefinitions().get(c);
                if (!Boolean.TRUE.equals(container.disableNetworking())) {
                    continue;
                }
                String pointer = child(StackPointers.container(family, c), "disableNetworking");
                String owner = "container \"" + container.name() + "\"";
                if (TaskPorts.networkMode(task) == NetworkMode.awsvpc) {
                    out.error(positions.value(pointer), owner
                            + " disables networking, which ECS refuses in networkMode awsvpc, where the task's "
                            + "containers share one network namespace; drop disableNetworking");
                } else if (!container.portMappings().isEmpty()) {
                    out.error(positions.value(pointer), owner
                            + " disables networking but has portMappings, which then have no network to be published "
                            + "on; remove one of them");
                }
            }
        });
    }
}
