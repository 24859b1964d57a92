package dev.berth.planner.scaling;

import dev.berth.planner.observed.ScaledCount;
import dev.berth.schema.model.AutoScaling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Application Auto Scaling would do with a service's policies now: each target tracking
 * policy proposes a count ({@link TargetTracking}), and each step scaling policy whose alarm fires
 * ({@link StepScaling}, judged on its {@link AlarmSeries}); during a scale-out's cooldown only a
 * proposal above that scale-out's count goes ahead (tasks still starting are not measured yet, so
 * the same load proposes the same count again), a scale-in waits for its cooldown after any
 * scaling and never happens with {@code disableScaleIn}; the largest count wins, and a policy that
 * holds the count beats those that scale in. Pure: the caller brings the readings and the clock.
 */
public final class ScalingDecision {
    private ScalingDecision() {
    }

    /** A change of count and why: every policy's input and proposal. */
    public record Decision(String service, int from, int to, List<Proposal> proposals, String why) {
        public boolean scalesOut() {
            return to > from;
        }
    }

    /**
     * @param count    the count now (as the plan keeps it)
     * @param readings the service's metrics this round, for target tracking; one without data is absent
     * @param alarms   the step scaling policies' datapoints ({@link AlarmSeries#next}), this round's
     *                 reading added; a policy without any has no alarm
     * @param last     the scaler's last action for the service, or null
     */
    public static Optional<Decision> decide(String service, AutoScaling scaling, int count,
                                            Map<AutoScaling.Metric, Reading> readings,
                                            Map<AlarmSeries.Key, AlarmSeries> alarms, ScaledCount last,
                                            Instant now) {
        int min = scaling.minCapacity();
        int max = scaling.maxCapacity();
        if (count < min || count > max) {
            int clamped = Math.clamp(count, min, max);
            return Optional.of(new Decision(service, count, clamped, List.of(),
                    "count " + count + " outside the bounds " + min + "-" + max));
        }
        List<Proposal> proposals = new ArrayList<>();
        scaling.targetTracking().forEach(policy -> TargetTracking.propose(policy, readings.get(policy.metric()),
                count, min, max).ifPresent(proposals::add));
        scaling.stepScaling().forEach(policy -> StepScaling.propose(policy, alarms.get(AlarmSeries.Key.of(policy)),
                last, now, count, min, max).ifPresent(proposals::add));
        Integer out = null;
        Integer in = null;
        boolean holds = false;
        for (Proposal proposal : proposals) {
            if (proposal.count() > count && !coolingOut(proposal, last, now)) {
                out = out == null ? proposal.count() : Math.max(out, proposal.count());
            } else if (proposal.count() < count && proposal.mayScaleIn() && !coolingIn(proposal, last, now)) {
                in = in == null ? proposal.count() : Math.max(in, proposal.count());
            } else {
                holds = true;
            }
        }
        String why = String.join("; ", proposals.stream().map(Proposal::describe).toList());
        if (out != null) {
            return Optional.of(new Decision(service, count, out, proposals, why));
        }
        if (in != null && !holds) {
            return Optional.of(new Decision(service, count, in, proposals, why));
        }
        return Optional.empty();
    }

    private static boolean coolingOut(Proposal proposal, ScaledCount last, Instant now) {
        return last != null && last.scaledOut() && proposal.count() <= last.count()
                && now.isBefore(last.at().plus(proposal.outCooldown()));
    }

    private static boolean coolingIn(Proposal proposal, ScaledCount last, Instant now) {
        return last != null && now.isBefore(last.at().plus(proposal.inCooldown()));
    }
}
