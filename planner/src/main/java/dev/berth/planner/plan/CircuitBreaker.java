package dev.berth.planner.plan;

import dev.berth.schema.model.DeploymentConfiguration;
import dev.berth.schema.model.Service;

/**
 * When a deployment gives up: after {@code threshold} new tasks failed to start or become healthy,
 * as the ECS deployment circuit breaker counts them.
 * <p>
 * With the breaker disabled ECS would keep replacing failed tasks forever. berth runs in a
 * terminal or a CI job that must end, so it gives up at the same threshold, but without rolling
 * back: the service fails and is left as it is, for the user (or {@code --atomic}) to decide.
 *
 * @param rollback whether a tripped deployment restores the previous revision and count
 */
public record CircuitBreaker(int threshold, boolean rollback) {
    private static final int MINIMUM_THRESHOLD = 3;
    private static final int MAXIMUM_THRESHOLD = 200;

    /** Rolls back only when the service enables the breaker with rollback (both off by default, as on ECS). */
    public static CircuitBreaker of(Service service, int desiredCount) {
        DeploymentConfiguration deployment = service.deploymentConfiguration();
        DeploymentConfiguration.DeploymentCircuitBreaker breaker =
                deployment == null ? null : deployment.deploymentCircuitBreaker();
        boolean rollback = breaker != null && Boolean.TRUE.equals(breaker.enable())
                && Boolean.TRUE.equals(breaker.rollback());
        return new CircuitBreaker(threshold(desiredCount), rollback);
    }

    /** ECS: {@code max(3, min(200, ceil(desiredCount / 2)))}. */
    public static int threshold(int desiredCount) {
        return Math.max(MINIMUM_THRESHOLD, Math.min(MAXIMUM_THRESHOLD, Math.ceilDiv(desiredCount, 2)));
    }

    public boolean tripped(int failures) {
        return failures >= threshold;
    }

    /** The same threshold, without rolling back: a rollback never rolls back itself. */
    public CircuitBreaker withoutRollback() {
        return new CircuitBreaker(threshold, false);
    }
}
