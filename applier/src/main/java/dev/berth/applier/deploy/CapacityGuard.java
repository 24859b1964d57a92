package dev.berth.applier.deploy;

/**
 * The runtime check behind every rollout step: never more than {@code maximumPercent} of the
 * desired count running, never fewer than {@code minimumHealthyPercent} healthy. The plan's
 * rollout already keeps to this; the guard refuses a step when what runs now (including tasks an
 * interrupted apply left behind) would make it break the bounds.
 *
 * @param desired the tasks the service runs when the deployment ends
 */
public record CapacityGuard(int desired, int minimumHealthyPercent, int maximumPercent) {

    public int maxRunning() {
        return Math.floorDiv(desired * maximumPercent, 100);
    }

    public int minHealthy() {
        return Math.ceilDiv(desired * minimumHealthyPercent, 100);
    }

    /** @throws CapacityViolation when starting {@code starts} more tasks would exceed maximumPercent */
    public void checkStart(int running, int starts) {
        if (starts > 0 && running + starts > maxRunning()) {
            throw new CapacityViolation("starting " + starts + " with " + running + " running would exceed "
                    + maximumPercent + "% of " + desired + " (at most " + maxRunning() + " running)");
        }
    }

    /** @throws CapacityViolation when stopping {@code stops} tasks would go below minimumHealthyPercent */
    public void checkStop(int healthy, int stops) {
        if (stops > 0 && healthy - stops < minHealthy()) {
            throw new CapacityViolation("stopping " + stops + " with " + healthy + " healthy would go below "
                    + minimumHealthyPercent + "% of " + desired + " (at least " + minHealthy() + " healthy)");
        }
    }

    /** A step the guard refused; the deployment stops there. */
    public static final class CapacityViolation extends RuntimeException {
        CapacityViolation(String message) {
            super(message);
        }
    }
}
