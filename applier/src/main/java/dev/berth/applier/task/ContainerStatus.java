package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;

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

    /** Empty when the container no longer exists. */
    static Optional<ContainerStatus> of(DockerClient client, String containerId) {
        InspectContainerResponse.ContainerState state;
        try {
            state = client.inspectContainerCmd(containerId).exec().getState();
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
        Instant startedAt = state.getStartedAt() == null ? null : Instant.parse(state.getStartedAt());
        return Optional.of(new ContainerStatus(state.getStatus(),
                state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                Boolean.TRUE.equals(state.getOOMKilled()),
                state.getHealth() == null ? null : state.getHealth().getStatus(),
                startedAt == null || !startedAt.isAfter(NEVER) ? null : startedAt));
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
