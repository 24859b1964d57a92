package dev.berth.planner.plan;

import java.util.List;

/**
 * The order in which a deployment starts new tasks and stops old ones, as
 * {@code minimumHealthyPercent} and {@code maximumPercent} allow.
 */
public record Rollout(int minimumHealthyPercent, int maximumPercent, List<Step> steps) {
    public Rollout {
        steps = Lists.copy(steps);
    }

    /** One batch: start {@code start} new tasks, then (once they are healthy) stop {@code stop} old ones. */
    public record Step(int start, int stop) {
    }
}
