package dev.berth.planner.scaling;

import dev.berth.planner.observed.ScaledCount;
import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.AutoScaling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Target tracking as Application Auto Scaling does it for ECS: each policy proposes
 * {@code ceil(measured * metric / target)} within minCapacity..maxCapacity (measured: the tasks
 * the average was taken over), nothing within 1 % of its
 * target (Nomad's dead band) or without data; during a scale-out's cooldown only a proposal
 * above that scale-out's count goes ahead (tasks still starting are not measured yet, so the same
 * load proposes the same count again), a scale-in waits for the scale-in cooldown after any scaling and never
 * happens with {@code disableScaleIn}; of several policies the largest count wins, and one that
 * holds beats those that scale in. Pure: the caller brings the metrics and the clock.
 */
public final class TargetTracking {
    private static final double DEAD_BAND = 0.01;

    private TargetTracking() {
    }

    /** What one policy saw and proposed, for the decision's words. */
    public record Proposal(AutoScaling.TargetTracking.Metric metric, double value, double target, int count) {
        String describe() {
            return metric + " " + round(value) + " % (target " + round(target) + " %) -> " + count;
        }
    }

    /** A change of count and why: every policy's input and proposal. */
    public record Decision(String service, int from, int to, List<Proposal> proposals, String why) {
        public boolean scalesOut() {
            return to > from;
        }
    }

    /**
     * @param count    the count now (as the plan keeps it)
     * @param measured the running tasks the metrics are averages over
     * @param metrics the service's average utilization per metric, percent; a metric without data is absent
     * @param last    the scaler's last action for the service, or null
     */
    public static Optional<Decision> decide(String service, AutoScaling scaling, int count, int measured,
                                            Map<AutoScaling.TargetTracking.Metric, Double> metrics,
                                            ScaledCount last, Instant now) {
        int min = scaling.minCapacity();
        int max = scaling.maxCapacity();
        if (count < min || count > max) {
            int clamped = Math.clamp(count, min, max);
            return Optional.of(new Decision(service, count, clamped, List.of(),
                    "count " + count + " outside the bounds " + min + "-" + max));
        }
        List<Proposal> proposals = new ArrayList<>();
        Integer out = null;
        Integer in = null;
        boolean holds = false;
        for (AutoScaling.TargetTracking policy : scaling.targetTracking()) {
            Double value = metrics.get(policy.metric());
            if (value == null || measured == 0) {
                continue;
            }
            double factor = value / policy.targetValue();
            int proposed = Math.abs(factor - 1) <= DEAD_BAND ? count
                    : Math.clamp((long) Math.ceil(measured * factor), min, max);
            proposals.add(new Proposal(policy.metric(), value, policy.targetValue(), proposed));
            if (proposed > count && !coolingOut(policy, last, proposed, now)) {
                out = out == null ? proposed : Math.max(out, proposed);
            } else if (proposed < count && !Boolean.TRUE.equals(policy.disableScaleIn())
                    && !coolingIn(policy, last, now)) {
                in = in == null ? proposed : Math.max(in, proposed);
            } else {
                holds = true;
            }
        }
        String inputs = String.join("; ", proposals.stream().map(Proposal::describe).toList());
        if (out != null) {
            return Optional.of(new Decision(service, count, out, proposals, inputs));
        }
        if (in != null && !holds) {
            return Optional.of(new Decision(service, count, in, proposals, inputs));
        }
        return Optional.empty();
    }

    private static boolean coolingOut(AutoScaling.TargetTracking policy, ScaledCount last, int proposed, Instant now) {
        return last != null && last.scaledOut() && proposed <= last.count()
                && now.isBefore(last.at().plus(Duration.ofSeconds(
                Objects.requireNonNullElse(policy.scaleOutCooldown(), Defaults.SCALE_OUT_COOLDOWN_SECONDS))));
    }

    private static boolean coolingIn(AutoScaling.TargetTracking policy, ScaledCount last, Instant now) {
        return last != null && now.isBefore(last.at().plus(Duration.ofSeconds(
                Objects.requireNonNullElse(policy.scaleInCooldown(), Defaults.SCALE_IN_COOLDOWN_SECONDS))));
    }

    private static String round(double value) {
        return String.valueOf(Math.round(value * 10) / 10.0);
    }
}
