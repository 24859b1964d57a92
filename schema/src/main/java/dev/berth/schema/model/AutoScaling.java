package dev.berth.schema.model;

import java.util.List;

/** Application Auto Scaling for a service: bounds, target tracking, step scaling and scheduled actions. */
public record AutoScaling(Integer minCapacity, Integer maxCapacity, List<TargetTracking> targetTracking,
                          List<StepScaling> stepScaling, List<ScheduledAction> scheduled) {
    public AutoScaling {
        targetTracking = Immutable.list(targetTracking);
        stepScaling = Immutable.list(stepScaling);
        scheduled = Immutable.list(scheduled);
    }

    /**
     * What a policy watches: the service's average utilization of its reserved cpu or memory
     * (percent), or the requests its load balancers sent each of its targets in the last minute.
     */
    public enum Metric {
        cpu, memory, requestCountPerTarget;

        /** The unit its values and targets are in, for the words of a decision. */
        public String unit() {
            return this == requestCountPerTarget ? " requests/target/min" : " %";
        }
    }

    /** Keeps {@code metric} near {@code targetValue}; cooldowns are seconds. */
    public record TargetTracking(Metric metric, Double targetValue, Integer scaleOutCooldown,
                                 Integer scaleInCooldown, Boolean disableScaleIn) {
    }

    /**
     * An alarm on {@code metric} against {@code threshold} and the capacity changes for how far the
     * metric is past it: each step's bounds are offsets from the threshold, lower inclusive and
     * upper exclusive above it, the other way round below it (as in Application Auto Scaling). The
     * alarm fires when {@code datapointsToAlarm} of the last {@code evaluationPeriods} periods of
     * {@code period} seconds breach the threshold; without a period it is the latest reading.
     */
    public record StepScaling(String name, Metric metric, Comparison comparison, Double threshold,
                              Integer period, Integer evaluationPeriods, Integer datapointsToAlarm,
                              AdjustmentType adjustmentType, List<StepAdjustment> stepAdjustments,
                              Integer minAdjustmentMagnitude, Integer cooldown) {
        public StepScaling {
            stepAdjustments = Immutable.list(stepAdjustments);
        }

        public enum Comparison {
            GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold;

            public boolean above() {
                return this == GreaterThanOrEqualToThreshold || this == GreaterThanThreshold;
            }

            public boolean breached(double value, double threshold) {
                return switch (this) {
                    case GreaterThanOrEqualToThreshold -> value >= threshold;
                    case GreaterThanThreshold -> value > threshold;
                    case LessThanThreshold -> value < threshold;
                    case LessThanOrEqualToThreshold -> value <= threshold;
                };
            }
        }

        public enum AdjustmentType { ChangeInCapacity, PercentChangeInCapacity, ExactCapacity }

        /** Bounds are offsets from the threshold; an absent one is unbounded. */
        public record StepAdjustment(Double metricIntervalLowerBound, Double metricIntervalUpperBound,
                                     Integer scalingAdjustment) {
        }
    }

    /** Changes the capacity bounds on a {@code cron(...)} or {@code at(...)} schedule. */
    public record ScheduledAction(String name, String schedule, String timezone, Integer minCapacity,
                                  Integer maxCapacity) {
    }
}
