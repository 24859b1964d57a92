package dev.berth.schema.validation;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.NetworkMode;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tasks that bind fixed host ports collide when two land on one host: a service cannot run more
 * tasks at once (counting the surplus of a rolling deployment) than its cluster has hosts, and on a
 * single-host cluster two services cannot bind the same host port.
 */
final class HostPortCapacityCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        Map<String, Map<TaskPorts.Bound, String>> singleHostPorts = new HashMap<>();
        stack.services().forEach((name, service) -> {
            Cluster cluster = stack.clusters().get(service.cluster());
            TaskDefinition task = stack.taskDefinitions().get(service.taskDefinitionFamily());
            if (cluster == null || task == null) {
                return;
            }
            List<TaskPorts.Bound> ports = TaskPorts.boundOnHost(service.taskDefinitionFamily(), task);
            ServiceCapacity capacity = ServiceCapacity.of(service);
            if (ports.isEmpty() || capacity.tasks() == 0) {
                return;
            }
            int hosts = Math.max(1, cluster.hosts().size());
            checkTasksPerHost(name, task, ports, capacity, hosts, positions, out);
            if (hosts == 1) {
                Map<TaskPorts.Bound, String> taken = singleHostPorts.computeIfAbsent(service.cluster(), c -> new HashMap<>());
                for (TaskPorts.Bound port : ports) {
                    String other = taken.putIfAbsent(port, name);
                    if (other != null) {
                        out.error(positions.key(StackPointers.service(name)), "services \"" + other + "\" and \""
                                + name + "\" both bind host port " + port + ", but cluster \"" + service.cluster()
                                + "\" has only one host; change one hostPort, use hostPort 0, or add hosts");
                    }
                }
            }
        });
    }

    private static void checkTasksPerHost(String name, TaskDefinition task,
                                          List<TaskPorts.Bound> ports, ServiceCapacity capacity, int hosts,
                                          SourceMap positions, Diagnostics out) {
        long peak = capacity.peakTasks();
        if (peak <= hosts) {
            return;
        }
        boolean hostMode = TaskPorts.networkMode(task) == NetworkMode.host;
        String binder = hostMode ? "networkMode host" : "a fixed bridge hostPort";
        String fewerTasks = capacity.tasks() > hosts
                ? "lower " + capacity.tasksSource() + " to " + hosts
                : "lower maximumPercent to " + hosts * 100 / capacity.tasks() + " (with minimumHealthyPercent below it)";
        String dynamicPorts = hostMode ? "use networkMode bridge with hostPort 0" : "use hostPort 0";
        out.error(positions.key(StackPointers.service(name)), "service \"" + name + "\": " + binder
                + " binds host port " + ports.getFirst().port() + " on every task, so at most one task fits per host, "
                + "but up to " + peak + " tasks run at once " + capacity.explainPeak() + " on " + hosts
                + (hosts == 1 ? " host" : " hosts") + "; " + fewerTasks + ", " + dynamicPorts + ", or add hosts");
    }
}
