package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.canonical.Defaults;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a task's containers by their labels, and stops and removes them. */
final class TaskContainers {
    /** How long a container may take to die once SIGKILLed before removal forces it. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

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
            stop(container);
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

    /**
     * SIGTERM, then SIGKILL once the container's stopTimeout has passed: what {@code docker stop} does,
     * done here because one stop call may outlast the client's response timeout (stopTimeout goes up to
     * 120 s). Unlike {@code docker stop}, an image's STOPSIGNAL is not honoured.
     */
    private void stop(Container container) {
        if (!"running".equals(container.getState()) && !"paused".equals(container.getState())) {
            return;
        }
        signal(container.getId(), "SIGTERM");
        if (!exitsWithin(container.getId(), stopTimeout(container))) {
            signal(container.getId(), "SIGKILL");
            exitsWithin(container.getId(), AFTER_KILL);
        }
    }

    private void signal(String id, String signal) {
        permits.run(endpoint, () -> {
            try {
                client.killContainerCmd(id).withSignal(signal).exec();
            } catch (NotFoundException | ConflictException notRunning) {
                // Exited or removed in the meantime: nothing left to signal.
            }
        });
    }

    private boolean exitsWithin(String id, Duration limit) {
        return Polling.until(limit, () -> ContainerStatus.of(client, id)
                .map(status -> status.running() ? Optional.<Boolean>empty() : Optional.of(true))
                .orElse(Optional.of(true))).isPresent();
    }

    /** From inspect: the list's creation time has whole seconds only, too coarse to order one task's containers. */
    private Instant createdAt(Container container) {
        try {
            return Instant.parse(client.inspectContainerCmd(container.getId()).exec().getCreated());
        } catch (NotFoundException gone) {
            return Instant.MIN;
        }
    }

    private static Duration stopTimeout(Container container) {
        String label = container.getLabels().get(TaskLabels.STOP_TIMEOUT);
        try {
            return Duration.ofSeconds(label == null ? Defaults.STOP_TIMEOUT_SECONDS
                    : Integer.parseInt(label));
        } catch (NumberFormatException unreadable) {
            return Duration.ofSeconds(Defaults.STOP_TIMEOUT_SECONDS);
        }
    }

    private List<Container> list(String stack, String taskId) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, stack, BerthLabels.TASK, taskId,
                        BerthLabels.KIND, BerthLabels.KIND_TASK))
                .exec();
    }
}
