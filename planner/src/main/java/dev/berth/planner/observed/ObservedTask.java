package dev.berth.planner.observed;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One task: the containers that share a {@code berth.task} label on one host.
 *
 * @param revision the {@code berth.revision} label, or 0 when missing or unreadable
 * @param specHash the {@code berth.spec-hash} label (canonical content hash of the task definition)
 */
public record ObservedTask(String taskId, String cluster, String host, String service, String family,
                           int revision, String specHash, List<ObservedContainer> containers) {
    public ObservedTask {
        containers = List.copyOf(containers);
    }

    /**
     * Every essential container is running, as ECS judges a task: a container labelled
     * {@code berth.essential=false} (an init step) may have finished.
     */
    public boolean running() {
        return containers.stream().anyMatch(ObservedContainer::essential)
                && containers.stream().filter(ObservedContainer::essential).allMatch(ObservedContainer::running);
    }

    /**
     * The host ports its running containers publish, as {@code 8080/tcp}: what it holds on the host,
     * whatever the definition it was started from asked for.
     */
    public Set<String> hostPorts() {
        Set<String> ports = new TreeSet<>();
        containers.stream().filter(ObservedContainer::running).flatMap(c -> c.ports().stream())
                .forEach(p -> ports.add(p.hostPort() + "/" + p.protocol()));
        return ports;
    }
}
