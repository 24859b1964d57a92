package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.model.TaskDefinition.Compatibility;
import dev.berth.schema.model.Volume;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * What ECS rejects for a task that requires FARGATE: a network mode other than awsvpc, missing or
 * unlisted task sizes, privileged containers and host-path volumes. berth enforces the same rules
 * so a stack stays portable to ECS.
 */
final class FargateCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            if (task.requiresCompatibilities().contains(Compatibility.FARGATE)) {
                checkTask(family, task, positions, out);
            }
        });
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        String at = StackPointers.taskDefinition(family);
        String owner = "task definition \"" + family + "\" requires FARGATE, which";
        String fargateEntry = child(at, "requiresCompatibilities",
                task.requiresCompatibilities().indexOf(Compatibility.FARGATE));
        if (task.networkMode() != NetworkMode.awsvpc) {
            String actual = task.networkMode() == null ? "bridge (the default)" : task.networkMode().name();
            String pointer = task.networkMode() == null ? fargateEntry : child(at, "networkMode");
            out.error(positions.value(pointer), owner + " only supports networkMode awsvpc, but networkMode is "
                    + actual + "; set networkMode: awsvpc");
        }
        checkSize(family, task, owner, at, fargateEntry, positions, out);
        for (int c = 0; c < task.containerDefinitions().size(); c++) {
            ContainerDefinition container = task.containerDefinitions().get(c);
            if (Boolean.TRUE.equals(container.privileged())) {
                out.error(positions.value(child(StackPointers.container(family, c), "privileged")), "container \""
                        + container.name() + "\" is privileged, which FARGATE does not allow; remove privileged: true "
                        + "or drop FARGATE from requiresCompatibilities");
            }
        }
        for (int v = 0; v < task.volumes().size(); v++) {
            Volume volume = task.volumes().get(v);
            if (volume.host() != null && volume.host().sourcePath() != null) {
                out.error(positions.value(child(at, "volumes", v, "host", "sourcePath")), "volume \""
                        + volume.name() + "\" is a host path, which FARGATE does not allow; use a Docker volume "
                        + "(dockerVolumeConfiguration) or drop FARGATE from requiresCompatibilities");
            }
        }
    }

    private static void checkSize(String family, TaskDefinition task, String owner, String at, String fargateEntry,
                                  SourceMap positions, Diagnostics out) {
        if (task.cpu() == null) {
            out.error(positions.value(fargateEntry), owner + " needs a task-level cpu; set cpu to one of "
                    + FargateTaskSizes.cpuValues());
        }
        if (task.memory() == null) {
            out.error(positions.value(fargateEntry), owner + " needs a task-level memory; set memory in MiB"
                    + (task.cpu() == null ? "" : FargateTaskSizes.forCpu(task.cpu())
                    .map(size -> " (" + size.description() + " with cpu " + size.cpu() + ")").orElse("")));
        }
        if (task.cpu() == null) {
            return;
        }
        var size = FargateTaskSizes.forCpu(task.cpu());
        if (size.isEmpty()) {
            out.error(positions.value(child(at, "cpu")), "FARGATE offers no task size with cpu " + task.cpu()
                    + " (task definition \"" + family + "\"); valid cpu values: " + FargateTaskSizes.cpuValues());
        } else if (task.memory() != null && !size.get().allows(task.memory())) {
            out.error(positions.value(child(at, "memory")), "FARGATE with cpu " + task.cpu() + " allows memory "
                    + size.get().description() + ", not " + task.memory() + " (task definition \"" + family + "\")");
        }
    }
}
