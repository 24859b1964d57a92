package dev.berth.schema.model;

import java.util.List;

/**
 * ECS's container restart policy: the container is restarted in place when it exits.
 *
 * @param restartAttemptPeriod seconds (ECS); Docker has no equivalent, see the schema
 */
public record ContainerRestartPolicy(Boolean enabled, List<Integer> ignoredExitCodes, Integer restartAttemptPeriod) {
    public ContainerRestartPolicy {
        ignoredExitCodes = Immutable.list(ignoredExitCodes);
    }
}
