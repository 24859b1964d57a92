package dev.berth.planner.rollout;

import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;

/** The deployment configuration leaves no room to make progress; {@link #reason} says why, for a plan problem. */
public final class RolloutStalledException extends RuntimeException {
    private final int minimumHealthyPercent;
    private final int maximumPercent;
    private final String pending;
    private final int desired;
    private final int maxRunning;
    private final int minHealthy;

    RolloutStalledException(int minimumHealthyPercent, int maximumPercent, String pending, int desired, int maxRunning,
                            int minHealthy) {
        super("no room to " + pending);
        this.minimumHealthyPercent = minimumHealthyPercent;
        this.maximumPercent = maximumPercent;
        this.pending = pending;
        this.desired = desired;
        this.maxRunning = maxRunning;
        this.minHealthy = minHealthy;
    }

    public Reason reason(String service) {
        return Reason.of(ReasonCode.ROLLOUT_STALLED, "service", service, "minimumHealthyPercent", minimumHealthyPercent,
                "maximumPercent", maximumPercent, "pending", pending, "desired", desired, "maxRunning", maxRunning,
                "minHealthy", minHealthy);
    }
}
