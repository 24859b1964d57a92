package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import dev.berth.schema.model.ContainerDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a task from its essential containers, as ECS does: healthy when each runs and, where Docker
 * runs a health check for it, reports healthy; without one, when it has kept running for the grace
 * period. Failed when one exited, vanished or turned unhealthy. Non-essential containers do not count.
 */
final class TaskHealth {
    /**
     * ECS counts a task without health checks as healthy once running; half a second more catches
     * the commands that crash as they start (a missing file, a bad flag) before they count.
     */
    static final Duration MINIMUM_GRACE = Duration.ofMillis(500);

    private final DockerClient client;
    private final LogTail logTail;
    /** From the last judgement: when the task will be ready if nothing changes; null when unknown. */
    private Instant readyAt;

    TaskHealth(DockerClient client, LogTail logTail) {
        this.client = client;
        this.logTail = logTail;
    }

    /**
     * @param containerIds the task's container ids by container name
     * @param told         whether the engine's events will end the wait when a probe answers
     * @return empty while the task is still on its way; otherwise healthy or failed
     */
    Optional<TaskResult> judge(TaskSpec task, Map<String, String> containerIds, Instant now, boolean told) {
        Duration grace = Duration.ofSeconds(task.healthCheckGracePeriodSeconds());
        if (grace.compareTo(MINIMUM_GRACE) < 0) {
            grace = MINIMUM_GRACE;
        }
        boolean allReady = true;
        Instant latest = Instant.MIN;
        for (ContainerDefinition container : task.definition().containerDefinitions()) {
            if (!container.essential()) {
                continue;
            }
            String id = containerIds.get(container.name());
            Optional<ContainerStatus> found = id == null ? Optional.empty() : ContainerStatus.of(client, id);
            if (found.isEmpty()) {
                return Optional.of(TaskResult.failed(task.taskId(), "essential container " + container.name() + " is gone"));
            }
            ContainerStatus status = found.get();
            if (status.exited()) {
                return Optional.of(TaskResult.failed(task.taskId(), "essential container " + container.name() + " "
                        + status.exit() + logTail.of(client, id)));
            }
            if (status.unhealthy()) {
                return Optional.of(TaskResult.failed(task.taskId(), "essential container " + container.name()
                        + " is unhealthy"));
            }
            allReady &= ready(status, grace, now);
            latest = latest == null ? null : readyAt(status, container, grace, latest, now, told);
        }
        readyAt = latest == Instant.MIN ? null : latest;
        return allReady ? Optional.of(TaskResult.ok(task.taskId())) : Optional.empty();
    }

    /**
     * When the task will be ready if its containers keep running and their health checks pass:
     * unknown (empty) while a container's health check is the image's own, whose interval berth
     * does not know.
     */
    Optional<Instant> readyAt() {
        return Optional.ofNullable(readyAt);
    }

    private static Instant readyAt(ContainerStatus status, ContainerDefinition container, Duration grace,
                                   Instant latest, Instant now, boolean told) {
        if (!status.running() || status.startedAt() == null) {
            return null;
        }
        Instant at;
        if (status.health() == null) {
            at = status.startedAt().plus(grace);
        } else if (status.healthy()) {
            return latest;
        } else if (HealthChecks.declared(container.healthCheck())) {
            // Asking when the probe answers, rather than on a backoff, saves up to a second per
            // health-gated step.
            at = HealthChecks.nextAnswer(container.healthCheck(), status.startedAt(), now, told);
        } else {
            return null;
        }
        return at.isAfter(latest) ? at : latest;
    }

    /** A health check, declared or from the image's HEALTHCHECK, decides; without one, time running does. */
    private static boolean ready(ContainerStatus status, Duration grace, Instant now) {
        if (!status.running()) {
            return false;
        }
        if (status.health() != null) {
            return status.healthy();
        }
        return status.startedAt() != null && !status.startedAt().plus(grace).isAfter(now);
    }
}
