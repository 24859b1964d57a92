package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.SystemControl;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import static dev.berth.schema.source.SourceMap.child;

/**
 * systemControls set a kernel parameter in the container's own namespace; a task that shares the
 * host's network (networkMode host) or IPC namespace (ipcMode host) would set the host's own
 * instead. ECS refuses both, and so does Docker for network ones. A parameter set twice is a
 * mistake Docker would settle silently.
 */
final class ContainerKernelCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> {
            for (int c = 0; c < task.containerDefinitions().size(); c++) {
                ContainerDefinition container = task.containerDefinitions().get(c);
                String at = child(StackPointers.container(family, c), "systemControls");
                for (int i = 0; i < container.systemControls().size(); i++) {
                    String shared = sharedWithHost(task, container.systemControls().get(i));
                    if (shared != null) {
                        out.error(positions.value(child(at, i, "namespace")), "systemControls "
                                + container.systemControls().get(i).namespace() + " would set the host's own kernel "
                                + "parameter: with " + shared + " the task shares the host's namespace, and ECS "
                                + "refuses this too. Set it on the host, or drop " + shared);
                    }
                }
                Duplicates.report(container.systemControls(), SystemControl::namespace,
                        i -> child(at, i, "namespace"), positions,
                        (namespace, line) -> "systemControls sets " + namespace + " twice in container \""
                                + container.name() + "\" (first at line " + line + ")", out);
            }
        });
    }

    /** The setting that shares the namespace the parameter lives in with the host; null when none does. */
    private static String sharedWithHost(TaskDefinition task, SystemControl control) {
        String name = control.namespace();
        if (name.startsWith("net.") && TaskPorts.networkMode(task) == NetworkMode.host) {
            return "networkMode host";
        }
        boolean ipc = name.startsWith("kernel.") || name.startsWith("fs.mqueue.");
        return ipc && task.ipcMode() == TaskDefinition.IpcMode.host ? "ipcMode host" : null;
    }
}
