package dev.berth.schema.validation;

import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.List;
import java.util.Objects;

import static dev.berth.schema.source.SourceMap.child;

/**
 * Port mappings fit the task's network mode: none has no ports; host and awsvpc publish the
 * containerPort itself, so hostPort may only repeat it; and no port is bound twice in one network
 * namespace (the task's own in host/awsvpc mode, the host's for fixed bridge hostPorts).
 */
final class PortMappingCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> checkTask(family, task, positions, out));
    }

    private static void checkTask(String family, TaskDefinition task, SourceMap positions, Diagnostics out) {
        NetworkMode mode = TaskPorts.networkMode(task);
        List<TaskPorts.Mapping> mappings = TaskPorts.mappings(family, task);
        if (mode == NetworkMode.none) {
            mappings.stream().map(TaskPorts.Mapping::container).distinct().forEach(container -> out.error(
                    positions.key(portMappingsOf(mappings, container)), "container \"" + container
                            + "\" has portMappings, but task definition \"" + family + "\" uses networkMode none, "
                            + "which has no network to publish them on; remove them or choose another networkMode"));
            return;
        }
        boolean sharedNamespace = mode == NetworkMode.host || mode == NetworkMode.awsvpc;
        for (TaskPorts.Mapping mapping : mappings) {
            Integer hostPort = mapping.mapping().hostPort();
            if (sharedNamespace && hostPort != null && !hostPort.equals(mapping.mapping().containerPort())) {
                out.error(positions.value(child(mapping.pointer(), "hostPort")), "in networkMode " + mode
                        + " a container port is published as itself, so hostPort must equal containerPort "
                        + mapping.mapping().containerPort() + " or be omitted; it is " + hostPort);
            }
        }
        String field = sharedNamespace ? "containerPort" : "hostPort";
        String why = sharedNamespace
                ? "the containers of a task in networkMode " + mode + " share one network namespace"
                : "a fixed hostPort can be bound only once per host; use hostPort 0 for a dynamic port";
        Duplicates.report(mappings,
                m -> sharedNamespace ? new TaskPorts.Bound(m.mapping().containerPort(), m.protocol())
                        : TaskPorts.onHost(mode, m),
                i -> child(mappings.get(i).pointer(), field), positions,
                (port, line) -> "port " + port + " is bound twice in task definition \"" + family
                        + "\" (first at line " + line + "); " + why, out);
    }

    private static String portMappingsOf(List<TaskPorts.Mapping> mappings, String container) {
        String pointer = mappings.stream().filter(m -> Objects.equals(m.container(), container)).findFirst()
                .orElseThrow().pointer();
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }
}
