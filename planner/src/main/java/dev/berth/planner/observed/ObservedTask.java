package dev.berth.planner.observed;

import java.util.List;

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
}
