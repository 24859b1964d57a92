package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.Volume;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.Collection;
import java.util.List;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Within a task: dependsOn, volumesFrom and links name another container of the same task, and
 * mountPoints name a declared volume. Links, as on ECS, only in bridge mode: in the other modes
 * the containers share a network namespace (awsvpc, host) or have none.
 */
final class ContainerReferenceCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> checkTask(family, task, positions, out));
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        Collection<String> containers = ContainersByName.of(task).keySet();
        List<String> volumes = task.volumes().stream().map(Volume::name).toList();
        String scope = " in task definition \"" + family + "\"";
        for (int c = 0; c < task.containerDefinitions().size(); c++) {
            ContainerDefinition container = task.containerDefinitions().get(c);
            String at = StackPointers.container(family, c);
            String owner = "container \"" + container.name() + "\"";
            for (int i = 0; i < container.dependsOn().size(); i++) {
                String pointer = child(at, "dependsOn", i, "containerName");
                otherContainer(owner, "dependsOn", container.name(), container.dependsOn().get(i).containerName(),
                        containers, scope, positions, pointer, out);
            }
            for (int i = 0; i < container.volumesFrom().size(); i++) {
                String pointer = child(at, "volumesFrom", i, "sourceContainer");
                otherContainer(owner, "volumesFrom", container.name(),
                        container.volumesFrom().get(i).sourceContainer(), containers, scope, positions, pointer, out);
            }
            NetworkMode mode = TaskPorts.networkMode(task);
            for (int i = 0; i < container.links().size(); i++) {
                String pointer = child(at, "links", i);
                if (mode != NetworkMode.bridge) {
                    out.error(positions.value(pointer), owner + " has links, which ECS and berth run only in "
                            + "networkMode bridge; in networkMode " + mode
                            + (mode == NetworkMode.none ? " there is no network to reach it on"
                            : " the task's containers reach each other on localhost") + ": drop links");
                } else {
                    String target = container.links().get(i).split(":", 2)[0];
                    otherContainer(owner, "links", container.name(), target, containers, scope, positions, pointer, out);
                }
            }
            for (int i = 0; i < container.mountPoints().size(); i++) {
                References.resolve(owner, "volume", container.mountPoints().get(i).sourceVolume(), volumes, scope,
                        positions.value(child(at, "mountPoints", i, "sourceVolume")), out);
            }
        }
    }

    private static void otherContainer(String owner, String field, String self, String target,
                                       Collection<String> containers, String scope, SourceMap positions,
                                       String pointer, Diagnostics out) {
        if (target.equals(self)) {
            out.error(positions.value(pointer), owner + " names itself in " + field
                    + "; it must name another container of the same task");
            return;
        }
        References.resolve(owner, "container", target, containers, scope, positions.value(pointer), out);
    }
}
