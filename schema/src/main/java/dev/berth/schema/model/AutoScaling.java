package dev.berth.schema.model;

import java.util.List;

/** Application Auto Scaling for a service: bounds, target tracking and scheduled actions. */
public record AutoScaling(Integer minCapacity, Integer maxCapacity, List<TargetTracking> targetTracking,
                          List<ScheduledAction> scheduled) {
    public AutoScaling {
        targetTracking = Immutable.list(targetTracking);
        scheduled = Immutable.list(scheduled);
    }

    /** Keeps {@code metric} near {@code targetValue} (percent); cooldowns are seconds. */
    public record TargetTracking(Metric metric, Double targetValue, Integer scaleOutCooldown,
                                 Integer scaleInCooldown, Boolean disableScaleIn) {
        public enum Metric { cpu, memory }
    }

    /** Changes the capacity bounds on a {@code cron(...)} or {@code at(...)} schedule. */
    public record ScheduledAction(String name, String schedule, String timezone, Integer minCapacity,
                                  Integer maxCapacity) {
    }
}
