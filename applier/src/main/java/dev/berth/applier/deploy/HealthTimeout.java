package dev.berth.applier.deploy;

import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.HealthCheck;
import dev.berth.schema.model.TaskDefinition;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a new task may take to become healthy before it counts as failed: the longest any of
 * its health checks can take to report (start period, then {@code retries + 1} intervals, then one
 * probe timeout), or the grace period for a task without health checks. The margin covers
 * container start-up and the runtime's polling.
 */
public final class HealthTimeout {
    static final Duration MARGIN = Duration.ofSeconds(5);

    private HealthTimeout() {
    }

    public static Duration of(TaskDefinition definition, int gracePeriodSeconds) {
        int longestCheck = definition.containerDefinitions().stream()
                .map(ContainerDefinition::healthCheck)
                .filter(Objects::nonNull)
                .mapToInt(HealthTimeout::seconds)
                .max()
                .orElse(0);
        return Duration.ofSeconds(Math.max(longestCheck, gracePeriodSeconds)).plus(MARGIN);
    }

    private static int seconds(HealthCheck check) {
        int interval = Objects.requireNonNullElse(check.interval(), Defaults.HEALTH_CHECK_INTERVAL);
        int timeout = Objects.requireNonNullElse(check.timeout(), Defaults.HEALTH_CHECK_TIMEOUT);
        int retries = Objects.requireNonNullElse(check.retries(), Defaults.HEALTH_CHECK_RETRIES);
        int startPeriod = Objects.requireNonNullElse(check.startPeriod(), Defaults.HEALTH_CHECK_START_PERIOD);
        return startPeriod + interval * (retries + 1) + timeout;
    }
}
