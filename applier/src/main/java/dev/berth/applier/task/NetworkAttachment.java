package dev.berth.applier.task;

import dev.berth.applier.network.NetworkNames;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.PortMapping;

import java.util.List;

/**
 * How one container of a task is wired: its Docker network mode, the namespace network it joins
 * with its service's DNS aliases (or none), and the ports it publishes for the task.
 *
 * @param networkMode      what Docker gets as NetworkMode
 * @param namespaceNetwork joined after create, before start; null for none
 * @param ownsNetwork      false when the container lives in another container's network namespace,
 *                         where Docker rejects hostname, DNS and /etc/hosts settings
 */
record NetworkAttachment(String networkMode, String namespaceNetwork, List<String> aliases,
                         List<PortMapping> publishedPorts, boolean ownsNetwork) {

    /**
     * @param startOrder the task's containers in start order; {@code container} is one of them
     */
    static NetworkAttachment of(TaskSpec task, List<ContainerDefinition> startOrder, ContainerDefinition container) {
        return switch (task.definition().networkMode()) {
            case bridge -> onStackNetwork(task, container.portMappings());
            case host -> new NetworkAttachment("host", null, List.of(), List.of(), true);
            case none -> new NetworkAttachment("none", null, List.of(), List.of(), true);
            case awsvpc -> awsvpc(task, startOrder, container);
        };
    }

    /**
     * ECS gives each awsvpc task its own ENI: one address shared by its containers, which reach each
     * other on localhost. Docker's closest equivalent is one network namespace per task: the first
     * container to start owns it (and the task's address, aliases and published ports); the others
     * join it with {@code container:<first>}, which is why the first must start before them.
     */
    private static NetworkAttachment awsvpc(TaskSpec task, List<ContainerDefinition> startOrder,
                                            ContainerDefinition container) {
        ContainerDefinition owner = startOrder.getFirst();
        if (owner.name().equals(container.name())) {
            List<PortMapping> taskPorts = startOrder.stream().flatMap(c -> c.portMappings().stream()).toList();
            return onStackNetwork(task, taskPorts);
        }
        String ownerName = TaskObjectNames.container(task.stack(), task.taskId(), owner.name());
        return new NetworkAttachment("container:" + ownerName, null, List.of(), List.of(), false);
    }

    private static NetworkAttachment onStackNetwork(TaskSpec task, List<PortMapping> ports) {
        if (task.namespace() == null) {
            return new NetworkAttachment(NetworkNames.stack(task.stack()), null, List.of(), ports, true);
        }
        return new NetworkAttachment(NetworkNames.stack(task.stack()), NetworkNames.namespace(task.stack(), task.namespace()),
                List.of(task.service(), task.service() + "." + task.namespace()), ports, true);
    }
}
