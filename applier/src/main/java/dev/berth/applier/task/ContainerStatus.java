package dev.berth.applier.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import dev.berth.applier.docker.EngineJson;

import java.time.Instant;
import java.util.Optional;

/**
 * What one inspect says about a container's life.
 *
 * @param health    Docker's health status, null without a health check
 * @param startedAt null until it first started
 */
record ContainerStatus(String state, long exitCode, boolean oomKilled, String health, Instant startedAt) {
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    /** Empty when the container no longer exists. Health waits ask this every few hundred ms per task. */
    static Optional<ContainerStatus> of(DockerClient client, String containerId) {
        return EngineJson.of(client).inspectContainer(containerId).map(inspected -> {
            JsonNode state = inspected.path("State");
            Instant startedAt = state.path("StartedAt").isTextual() ? Instant.parse(state.get("StartedAt").textValue())
                    : null;
            JsonNode health = state.path("Health").path("Status");
            return new ContainerStatus(state.path("Status").textValue(), state.path("ExitCode").asLong(),
                    state.path("OOMKilled").asBoolean(), health.isTextual() ? health.textValue() : null,
                    startedAt == null || !startedAt.isAfter(NEVER) ? null : startedAt);
        });
    }

    boolean running() {
        return "running".equals(state);
    }

    boolean exited() {
        return "exited".equals(state) || "dead".equals(state);
    }

    boolean healthy() {
        return "healthy".equals(health);
    }

    boolean unhealthy() {
        return "unhealthy".equals(health);
    }

    /** "exited 1", "exited 137 (out of memory)". */
    String exit() {
        return "exited " + exitCode + (oomKilled ? " (out of memory)" : "");
    }
}
