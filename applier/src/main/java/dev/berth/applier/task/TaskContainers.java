package dev.berth.applier.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineJson;
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
    private final EngineJson engine;
    private final DockerEndpoint endpoint;
    private final HostPermits permits;

    TaskContainers(DockerClient client, DockerEndpoint endpoint, HostPermits permits) {
        this.client = client;
        this.engine = EngineJson.of(client);
        this.endpoint = endpoint;
        this.permits = permits;
    }

    /** The task's containers, running or not, by container name. */
    Map<String, String> ids(String stack, String taskId) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode container : list(stack, taskId)) {
            ids.put(container.path("Labels").path(BerthLabels.CONTAINER).asText(), id(container));
        }
        return ids;
    }

    /**
     * Stops the task's containers, dependents before their dependencies (the reverse of the order they
     * were created and started in), removes them, then the task's volumes.
     */
    void remove(String stack, String taskId) {
        Map<String, Instant> created = new LinkedHashMap<>();
        list(stack, taskId).forEach(container -> created.put(id(container), createdAt(id(container))));
        List<String> containers = created.keySet().stream()
                .sorted(Comparator.comparing(created::get).reversed())
                .toList();
        for (String id : containers) {
            new GracefulStop(client).stop(id);
            permits.run(endpoint, () -> engine.removeContainer(id, true));
        }
        permits.run(endpoint, () -> TaskVolumes.remove(client, stack, taskId));
    }

    /** From inspect: the list's creation time has whole seconds only, too coarse to order one task's containers. */
    private Instant createdAt(String id) {
        return engine.inspectContainer(id).map(inspected -> Instant.parse(inspected.path("Created").asText()))
                .orElse(Instant.MIN);
    }

    private List<JsonNode> list(String stack, String taskId) {
        return engine.listContainers(List.of(BerthLabels.STACK + "=" + stack, BerthLabels.TASK + "=" + taskId,
                BerthLabels.KIND + "=" + BerthLabels.KIND_TASK));
    }

    private static String id(JsonNode container) {
        return container.path("Id").asText();
    }
}
