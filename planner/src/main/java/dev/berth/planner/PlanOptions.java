package dev.berth.planner;

/**
 * Choices the person planning makes, beyond the stack and what runs.
 *
 * @param replaceLost tasks on hosts that did not answer stop counting toward desiredCount, so
 *                    replacements are placed on the hosts that did (ECS replacing the tasks of a
 *                    disconnected container instance); by default they keep their slot
 */
public record PlanOptions(boolean replaceLost) {
    public static final PlanOptions DEFAULTS = new PlanOptions(false);
}
