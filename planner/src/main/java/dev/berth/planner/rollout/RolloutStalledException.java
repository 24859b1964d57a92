package dev.berth.planner.rollout;

/** The deployment configuration leaves no room to make progress; the message says why, for a plan problem. */
public final class RolloutStalledException extends RuntimeException {
    public RolloutStalledException(String message) {
        super(message);
    }
}
