package dev.berth.applier.task;

import dev.berth.planner.network.NetworkNames;
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
        if (Boolean.TRUE.equals(container.disableNetworking())) {
            return new NetworkAttachment("none", null, List.of(), List.of(), true);
        }
        return switch (task.definition().networkMode()) {
            case bridge -> onStackNetwork(task, container.portMappings());
            case host -> new NetworkAttachment("host", null, List.of(), List.of(), true);
            case none -> new NetworkAttachment("none", null, List.of(), List.of(), true);
            case awsvpc -> awsvpc(task, startOrder, container);
        };
    }

    /**
     * ECS gives each awsvpc task its own ENI: one address shared by its containers, which reach each
     * other on localhost. Docker's closest equivalent is one network namespace per task, owned by a
     * container that lives as long as the task: the first essential one in start order, which gets
     * the task's address and aliases; the containers that start after it join it
     * with {@code container:<owner>}. Containers that must run before the owner (init steps it
     * depends on, which may have exited by the time it starts) cannot join a namespace that does
     * not exist yet: they get an address of their own on the stack network.
     */
    private static NetworkAttachment awsvpc(TaskSpec task, List<ContainerDefinition> startOrder,
                                            ContainerDefinition container) {
        int ownerIndex = ownerIndex(startOrder);
        ContainerDefinition owner = startOrder.get(ownerIndex);
        if (owner.name().equals(container.name())) {
            // As on ECS, an awsvpc task's ports are on its own address, not on the host's: publishing
            // them would let only one task per host bind each port.
            return onStackNetwork(task, List.of());
        }
        if (startOrder.indexOf(container) < ownerIndex) {
            return new NetworkAttachment(NetworkNames.stack(task.stack()), null, List.of(), List.of(), true);
        }
        String ownerName = TaskObjectNames.container(task.stack(), task.taskId(), owner.name());
        return new NetworkAttachment("container:" + ownerName, null, List.of(), List.of(), false);
    }

    /** The first essential container in start order; validation guarantees there is one. */
    private static int ownerIndex(List<ContainerDefinition> startOrder) {
        for (int i = 0; i < startOrder.size(); i++) {
            if (!Boolean.FALSE.equals(startOrder.get(i).essential())) {
                return i;
            }
        }
        return 0;
    }

    private static NetworkAttachment onStackNetwork(TaskSpec task, List<PortMapping> ports) {
        if (task.namespace() == null) {
            return new NetworkAttachment(NetworkNames.stack(task.stack()), null, List.of(), ports, true);
        }
        return new NetworkAttachment(NetworkNames.stack(task.stack()), NetworkNames.namespace(task.stack(), task.namespace()),
                task.aliases(), ports, true);
    }
}
