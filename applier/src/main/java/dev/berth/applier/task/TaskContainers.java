package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.GracefulStop;
import dev.berth.planner.observed.BerthLabels;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds a task's containers by their labels, and stops and removes them. */
final class TaskContainers {
    private final DockerClient client;
    private final DockerEndpoint endpoint;
    private final HostPermits permits;

    TaskContainers(DockerClient client, DockerEndpoint endpoint, HostPermits permits) {
        this.client = client;
        this.endpoint = endpoint;
        this.permits = permits;
    }

    /** The task's containers, running or not, by container name. */
    Map<String, String> ids(String stack, String taskId) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Container container : list(stack, taskId)) {
            ids.put(container.getLabels().get(BerthLabels.CONTAINER), container.getId());
        }
        return ids;
    }

    /**
     * Stops the task's containers, dependents before their dependencies (the reverse of the order they
     * were created and started in), removes them, then the task's volumes.
     */
    void remove(String stack, String taskId) {
        Map<Container, Instant> created = new LinkedHashMap<>();
        list(stack, taskId).forEach(container -> created.put(container, createdAt(container)));
        List<Container> containers = created.keySet().stream()
                .sorted(Comparator.comparing(created::get).reversed())
                .toList();
        for (Container container : containers) {
            new GracefulStop(client).stop(container.getId());
            permits.run(endpoint, () -> {
                try {
                    client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException gone) {
                    // Removed concurrently: the outcome asked for.
                }
            });
        }
        permits.run(endpoint, () -> TaskVolumes.remove(client, stack, taskId));
    }

    /** From inspect: the list's creation time has whole seconds only, too coarse to order one task's containers. */
    private Instant createdAt(Container container) {
        try {
            return Instant.parse(client.inspectContainerCmd(container.getId()).exec().getCreated());
        } catch (NotFoundException gone) {
            return Instant.MIN;
        }
    }

    private List<Container> list(String stack, String taskId) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, stack, BerthLabels.TASK, taskId,
                        BerthLabels.KIND, BerthLabels.KIND_TASK))
                .exec();
    }
}
