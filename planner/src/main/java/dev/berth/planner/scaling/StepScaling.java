package dev.berth.planner.scaling;

import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A step scaling policy's proposal while its alarm is breached: the step that holds the metric's
 * distance from the threshold (lower bound inclusive above the threshold, upper bound inclusive
 * below it) adjusts the count as Application Auto Scaling does. A percent change of less than one
 * task is one task, more is rounded towards no change, and at least {@code minAdjustmentMagnitude}.
 * No alarm, no proposal: a quiet step policy does not hold the others' scale-in.
 */
final class StepScaling {
    private StepScaling() {
    }

    static Optional<Proposal> propose(AutoScaling.StepScaling policy, Reading reading, int count, int min, int max) {
        if (reading == null || reading.over() == 0
                || !policy.comparison().breached(reading.value(), policy.threshold())) {
            return Optional.empty();
        }
        double offset = reading.value() - policy.threshold();
        boolean above = policy.comparison().above();
        Optional<StepAdjustment> step = policy.stepAdjustments().stream()
                .filter(s -> above ? atLeast(offset, s.metricIntervalLowerBound()) && below(offset,
                        s.metricIntervalUpperBound())
                        : above(offset, s.metricIntervalLowerBound()) && atMost(offset, s.metricIntervalUpperBound()))
                .findFirst();
        if (step.isEmpty()) {
            return Optional.empty();
        }
        int adjustment = step.get().scalingAdjustment();
        int target = switch (policy.adjustmentType()) {
            case ChangeInCapacity -> count + adjustment;
            case ExactCapacity -> adjustment;
            case PercentChangeInCapacity -> count + percentChange(count, adjustment, policy.minAdjustmentMagnitude());
        };
        int proposed = Math.clamp(target, min, max);
        Duration cooldown = Duration.ofSeconds(Objects.requireNonNullElse(policy.cooldown(),
                Defaults.STEP_SCALING_COOLDOWN_SECONDS));
        String unit = policy.metric().unit();
        return Optional.of(new Proposal("step scaling" + (policy.name() == null ? "" : " " + policy.name()),
                policy.metric() + " " + Proposal.round(reading.value()) + unit + " " + symbol(policy.comparison())
                + " " + Proposal.round(policy.threshold()) + unit + ", " + adjustment(policy, adjustment),
                proposed, cooldown, cooldown, true));
    }

    private static int percentChange(int count, int percent, Integer minMagnitude) {
        double raw = count * percent / 100.0;
        int change = Math.abs(raw) < 1 && raw != 0 ? (int) Math.signum(raw) : (int) raw;
        if (minMagnitude != null && change != 0 && Math.abs(change) < minMagnitude) {
            change = Integer.signum(change) * minMagnitude;
        }
        return change;
    }

    private static String adjustment(AutoScaling.StepScaling policy, int adjustment) {
        return switch (policy.adjustmentType()) {
            case ChangeInCapacity -> (adjustment >= 0 ? "+" : "") + adjustment + " tasks";
            case PercentChangeInCapacity -> (adjustment >= 0 ? "+" : "") + adjustment + " %";
            case ExactCapacity -> "exactly " + adjustment;
        };
    }

    private static String symbol(AutoScaling.StepScaling.Comparison comparison) {
        return switch (comparison) {
            case GreaterThanOrEqualToThreshold -> ">=";
            case GreaterThanThreshold -> ">";
            case LessThanThreshold -> "<";
            case LessThanOrEqualToThreshold -> "<=";
        };
    }

    private static boolean atLeast(double value, Double bound) {
        return bound == null || value >= bound;
    }

    private static boolean above(double value, Double bound) {
        return bound == null || value > bound;
    }

    private static boolean below(double value, Double bound) {
        return bound == null || value < bound;
    }

    private static boolean atMost(double value, Double bound) {
        return bound == null || value <= bound;
    }
}
