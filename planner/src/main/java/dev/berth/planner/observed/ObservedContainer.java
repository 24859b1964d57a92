package dev.berth.planner.observed;

import java.util.List;
import java.util.Map;

/**
 * One container of a task as the engine reports it.
 *
 * @param containerName the container definition name ({@code berth.container} label)
 * @param state         Docker state: created, running, paused, restarting, exited, dead
 * @param health        healthy, unhealthy, starting, or null without a health check
 * @param labels        every label of the container
 * @param config        the settings berth compares with the task definition
 */
public record ObservedContainer(String id, String dockerName, String containerName, String state, String health,
                                Integer exitCode, Map<String, String> labels, List<PublishedPort> ports,
                                ContainerConfig config) {
    public ObservedContainer {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** Exited, and the engine's restart policy (a container's restartPolicy) is bringing it back. */
    public boolean restarting() {
        return "restarting".equals(state);
    }

    /** Whether the task needs this container running; only an explicit {@code false} label says no. */
    public boolean essential() {
        return !"false".equals(labels.get(BerthLabels.ESSENTIAL));
    }

    /** A container port published on the host. */
    public record PublishedPort(int containerPort, int hostPort, String protocol) {
    }
}
