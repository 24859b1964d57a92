package dev.berth.planner.rollout;

import dev.berth.planner.plan.Rollout;
import java.util.ArrayList;
import java.util.List;

/**
 * The batches of a deployment, as the ECS scheduler takes them. With
 * {@code maxRunning = floor(desired * maximumPercent / 100)} and
 * {@code minHealthy = ceil(desired * minimumHealthyPercent / 100)}, each step starts as many new
 * tasks as maxRunning allows, then, once those are healthy, stops as many old tasks as
 * minHealthy allows. A step may start nothing (stop first, when maximumPercent is 100) or stop
 * nothing (the last starts). Only running tasks count: exited ones hold no capacity.
 */
public final class RolloutPlanner {
    private RolloutPlanner() {
    }

    /**
     * @param desired  the service's desiredCount: new tasks running when the rollout ends
     * @param kept     tasks already running the desired revision that stay
     * @param old      running tasks to stop (outdated, or beyond desiredCount)
     */
    public static Rollout plan(int desired, int kept, int old, int minimumHealthyPercent, int maximumPercent) {
        int maxRunning = Math.floorDiv(desired * maximumPercent, 100);
        int minHealthy = Math.ceilDiv(desired * minimumHealthyPercent, 100);
        int toStart = desired - kept;
        int running = kept + old;
        List<Rollout.Step> steps = new ArrayList<>();
        while (toStart > 0 || old > 0) {
            int start = Math.max(0, Math.min(toStart, maxRunning - running));
            running += start;
            toStart -= start;
            int stop = Math.max(0, Math.min(old, running - minHealthy));
            running -= stop;
            old -= stop;
            if (start == 0 && stop == 0) {
                throw new RolloutStalledException(minimumHealthyPercent, maximumPercent, pending(toStart, old),
                        desired, maxRunning, minHealthy);
            }
            steps.add(new Rollout.Step(start, stop));
        }
        return new Rollout(minimumHealthyPercent, maximumPercent, steps);
    }

    private static String pending(int toStart, int old) {
        if (old == 0) {
            return "start " + toStart + " more tasks";
        }
        return toStart == 0 ? "stop " + old + " old tasks" : "replace " + old + " old tasks";
    }
}
