package dev.berth.planner.scaling;

import dev.berth.planner.observed.ScaledCount;
import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step scaling policy's proposal while its alarm is breached (datapointsToAlarm of the datapoints
 * its {@link AlarmSeries} judges): the step that holds the newest breaching datapoint's distance
 * from the threshold (lower bound inclusive above the threshold, upper bound inclusive below it)
 * adjusts the count as Application Auto Scaling does. A percent change of less than one task is one
 * task, more is rounded towards no change, and at least {@code minAdjustmentMagnitude}; a scale-out
 * within the cooldown of the last one counts from before it. No alarm, no proposal: a quiet step
 * policy does not hold the others' scale-in.
 */
final class StepScaling {
    private StepScaling() {
    }

    /** @param alarm the policy's datapoints; null for none yet */
    static Optional<Proposal> propose(AutoScaling.StepScaling policy, AlarmSeries alarm, ScaledCount last,
                                      Instant now, int count, int min, int max) {
        List<Double> judged = alarm == null ? List.of() : alarm.judged(now);
        List<Double> breaching = judged.stream()
                .filter(v -> v != null && policy.comparison().breached(v, policy.threshold())).toList();
        int needed = Objects.requireNonNullElse(policy.datapointsToAlarm(), judged.size());
        if (breaching.isEmpty() || breaching.size() < needed) {
            return Optional.empty();
        }
        double value = breaching.getLast();
        double offset = value - policy.threshold();
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
        Duration cooldown = Duration.ofSeconds(Objects.requireNonNullElse(policy.cooldown(),
                Defaults.STEP_SCALING_COOLDOWN_SECONDS));
        int base = adjustment > 0 ? beforeCoolingScaleOut(count, last, now, cooldown) : count;
        int target = switch (policy.adjustmentType()) {
            case ChangeInCapacity -> base + adjustment;
            case ExactCapacity -> adjustment;
            case PercentChangeInCapacity -> base + percentChange(base, adjustment, policy.minAdjustmentMagnitude());
        };
        int proposed = Math.clamp(target, min, max);
        String unit = policy.metric().unit();
        return Optional.of(new Proposal("step scaling" + (policy.name() == null ? "" : " " + policy.name()),
                policy.metric() + " " + Proposal.round(value) + unit + " " + symbol(policy.comparison())
                + " " + Proposal.round(policy.threshold()) + unit + periods(policy, breaching.size(), judged.size())
                + ", " + adjustment(policy, adjustment),
                proposed, cooldown, cooldown, true));
    }

    /** Which periods breached, where the alarm judges periods at all. */
    private static String periods(AutoScaling.StepScaling policy, int breaching, int judged) {
        if (policy.period() == null) {
            return "";
        }
        return " in " + breaching + " of the last " + judged + (judged == 1 ? " period" : " periods") + " of "
                + policy.period() + " s";
    }

    /**
     * As Application Auto Scaling counts a scale-out during the cooldown of the last one: the tasks
     * that one added are part of the next, so the same breach (its datapoints unchanged for a
     * whole period) does not add them again, and only a larger step goes ahead.
     */
    private static int beforeCoolingScaleOut(int count, ScaledCount last, Instant now, Duration cooldown) {
        if (last == null || !last.scaledOut() || last.from() == null || !now.isBefore(last.at().plus(cooldown))) {
            return count;
        }
        return Math.max(0, count - (last.count() - last.from()));
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
