package dev.berth.planner.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.observed.ScaledCount;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.Metric;
import dev.berth.schema.model.AutoScaling.StepScaling;
import dev.berth.schema.model.AutoScaling.StepScaling.AdjustmentType;
import dev.berth.schema.model.AutoScaling.StepScaling.Comparison;
import dev.berth.schema.model.AutoScaling.StepScaling.StepAdjustment;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingDecisionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AutoScaling.TargetTracking CPU_50 =
            new AutoScaling.TargetTracking(Metric.cpu, 50.0, 60, 120, false);
    private static final AutoScaling CPU = tracking(CPU_50);

    private static AutoScaling tracking(AutoScaling.TargetTracking... policies) {
        return new AutoScaling(1, 6, List.of(policies), List.of(), List.of());
    }

    private static AutoScaling steps(StepScaling... policies) {
        return new AutoScaling(1, 10, List.of(), List.of(policies), List.of());
    }

    /** This round's readings, and the step policies' alarms with nothing but them. */
    private static Optional<ScalingDecision.Decision> decide(AutoScaling scaling, int count,
                                                             Map<Metric, Reading> readings, ScaledCount last) {
        Map<StepScaling, AlarmSeries> alarms = new HashMap<>();
        scaling.stepScaling().forEach(p -> alarms.put(p, AlarmSeries.of(p).add(NOW, readings.get(p.metric()))));
        return ScalingDecision.decide("web", scaling, count, readings, alarms, last, NOW);
    }

    private static Optional<Integer> to(AutoScaling scaling, int count, Map<Metric, Reading> readings,
                                        ScaledCount last) {
        return decide(scaling, count, readings, last).map(ScalingDecision.Decision::to);
    }

    private static Optional<Integer> to(AutoScaling scaling, int count, double cpu, ScaledCount last) {
        return to(scaling, count, Map.of(Metric.cpu, new Reading(cpu, count)), last);
    }

    @Test
    void theCountFollowsTheMetricInProportionWithinTheBounds() {
        assertEquals(Optional.of(4), to(CPU, 2, 100, null), "ceil(2 * 100 / 50)");
        assertEquals(Optional.of(6), to(CPU, 2, 400, null), "at most maxCapacity");
        assertEquals(Optional.of(1), to(CPU, 3, 5, null), "at least minCapacity");
        assertEquals(Optional.empty(), to(CPU, 2, 50.4, null), "within 1 % of the target: nothing");
        assertEquals(Optional.empty(), to(CPU, 2, Map.of(), null), "no data: nothing");
    }

    @Test
    void requestsPerTargetAreTrackedOverTheTargetsTheyWereCountedAt() {
        AutoScaling requests = tracking(new AutoScaling.TargetTracking(Metric.requestCountPerTarget, 1000.0, 0, 0,
                false));
        assertEquals(Optional.of(5), to(requests, 3, Map.of(Metric.requestCountPerTarget, new Reading(2400, 2)),
                null), "ceil(2 targets * 2400 / 1000): the third task is not in rotation yet");
        Optional<ScalingDecision.Decision> decision = decide(requests, 3,
                Map.of(Metric.requestCountPerTarget, new Reading(2400, 2)), null);
        assertEquals("target tracking: requestCountPerTarget 2400.0 requests/target/min (target 1000.0"
                + " requests/target/min) over 2 -> 5", decision.orElseThrow().why());
    }

    @Test
    void cooldownsHoldRepeatedScaleOutsAndAnyScaleIn() {
        ScaledCount outAMinuteAgo = new ScaledCount("web", 4, NOW.minusSeconds(30), true, null, null);
        // Scaled 2 -> 4 at 100 %; the 2 new tasks are not measured yet.
        Map<Metric, Reading> sameLoad = Map.of(Metric.cpu, new Reading(100, 2));
        assertEquals(Optional.empty(), to(CPU, 4, sameLoad, outAMinuteAgo), "the same load proposes 4 again: held");
        assertEquals(Optional.of(6), to(CPU, 4, Map.of(Metric.cpu, new Reading(150, 2)), outAMinuteAgo),
                "more load: a larger scale-out goes ahead");
        assertEquals(Optional.empty(), to(CPU, 4, 10, outAMinuteAgo), "scale-in waits 120 s after any scaling");
        assertEquals(Optional.of(1), to(CPU, 4, 10, new ScaledCount("web", 4, NOW.minusSeconds(121), true, null, null)));
    }

    @Test
    void ofSeveralPoliciesTheLargestWinsAndHoldingBeatsScalingIn() {
        AutoScaling both = tracking(CPU_50, new AutoScaling.TargetTracking(Metric.memory, 50.0, 0, 0, false));
        assertEquals(Optional.of(5), to(both, 2, Map.of(Metric.cpu, new Reading(100, 2),
                Metric.memory, new Reading(125, 2)), null));
        assertEquals(Optional.empty(), to(both, 4, Map.of(Metric.cpu, new Reading(10, 4),
                Metric.memory, new Reading(50, 4)), null), "memory on target holds cpu's scale-in");
        AutoScaling noScaleIn = tracking(new AutoScaling.TargetTracking(Metric.cpu, 50.0, 0, 0, true));
        assertEquals(Optional.empty(), to(noScaleIn, 4, 10, null), "disableScaleIn");
    }

    private static final StepScaling CPU_HIGH = new StepScaling("cpu-high", Metric.cpu,
            Comparison.GreaterThanOrEqualToThreshold, 70.0, null, null, null, AdjustmentType.ChangeInCapacity, List.of(
            new StepAdjustment(0.0, 20.0, 1), new StepAdjustment(20.0, null, 3)), null, 60);
    private static final StepScaling CPU_LOW = new StepScaling("cpu-low", Metric.cpu,
            Comparison.LessThanThreshold, 20.0, null, null, null, AdjustmentType.ChangeInCapacity, List.of(
            new StepAdjustment(null, 0.0, -1)), null, 60);

    @Test
    void aStepPolicyAdjustsByTheStepThatHoldsTheMetricsDistanceFromItsThreshold() {
        AutoScaling scaling = steps(CPU_HIGH, CPU_LOW);
        assertEquals(Optional.empty(), to(scaling, 3, 50, null), "no alarm: nothing");
        assertEquals(Optional.of(4), to(scaling, 3, 70, null), "at the threshold: the first step, lower inclusive");
        assertEquals(Optional.of(4), to(scaling, 3, 89.9, null));
        assertEquals(Optional.of(6), to(scaling, 3, 90, null), "20 past it: the second step");
        assertEquals(Optional.of(10), to(scaling, 9, 95, null), "at most maxCapacity");
        assertEquals(Optional.of(2), to(scaling, 3, 10, null), "below the low alarm: one less");
        assertEquals(Optional.empty(), to(scaling, 3, 20, null), "LessThan: the threshold itself is no alarm");
        assertEquals("step scaling cpu-high: cpu 90.0 % >= 70.0 %, +3 tasks -> 6",
                decide(scaling, 3, Map.of(Metric.cpu, new Reading(90, 3)), null).orElseThrow().why());
    }

    @Test
    void percentAndExactAdjustmentsRoundAsApplicationAutoScalingDoes() {
        StepScaling percent = new StepScaling(null, Metric.cpu, Comparison.GreaterThanThreshold, 50.0, null, null, null,
                AdjustmentType.PercentChangeInCapacity, List.of(new StepAdjustment(0.0, null, 50)), null, 0);
        assertEquals(Optional.of(4), to(steps(percent), 3, 80, null), "50 % of 3 is 1.5: rounded down to 1");
        assertEquals(Optional.of(2), to(steps(percent), 1, 80, null), "0.5 of a task is one task");
        StepScaling atLeastTwo = new StepScaling(null, Metric.cpu, Comparison.GreaterThanThreshold, 50.0, null, null, null,
                AdjustmentType.PercentChangeInCapacity, List.of(new StepAdjustment(0.0, null, 10)), 2, 0);
        assertEquals(Optional.of(5), to(steps(atLeastTwo), 3, 80, null), "minAdjustmentMagnitude 2");
        StepScaling exact = new StepScaling(null, Metric.cpu, Comparison.GreaterThanThreshold, 50.0, null, null, null,
                AdjustmentType.ExactCapacity, List.of(new StepAdjustment(0.0, null, 8)), null, 0);
        assertEquals(Optional.of(8), to(steps(exact), 3, 80, null));
    }

    @Test
    void aStepPolicysCooldownHoldsItsScaleInAndAQuietOneHoldsNothing() {
        AutoScaling scaling = steps(CPU_HIGH, CPU_LOW);
        ScaledCount justNow = new ScaledCount("web", 4, NOW.minusSeconds(10), true, null, null);
        assertEquals(Optional.empty(), to(scaling, 4, 10, justNow), "scale-in within the 60 s cooldown");
        assertEquals(Optional.of(3), to(scaling, 4, 10, new ScaledCount("web", 4, NOW.minusSeconds(61), true,
                null, null)));
        AutoScaling mixed = new AutoScaling(1, 10, List.of(new AutoScaling.TargetTracking(Metric.cpu, 20.0, 0, 0,
                false)), List.of(CPU_HIGH), List.of());
        assertTrue(to(mixed, 4, 10, null).orElseThrow() < 4,
                "the step policy's alarm is quiet, so target tracking scales in");
    }

    /** cpu above 70 % in 2 of the last 3 periods of 60 s: 2 more tasks. */
    private static final StepScaling SUSTAINED = new StepScaling("sustained", Metric.cpu,
            Comparison.GreaterThanThreshold, 70.0, 60, 3, 2, AdjustmentType.ChangeInCapacity,
            List.of(new StepAdjustment(0.0, null, 2)), null, 0);

    private static Optional<ScalingDecision.Decision> judged(AlarmSeries alarm, Instant now) {
        return ScalingDecision.decide("web", steps(SUSTAINED), 3, Map.of(), Map.of(SUSTAINED, alarm), null, now);
    }

    private static Reading cpu(double percent) {
        return new Reading(percent, 3);
    }

    @Test
    void anAlarmOfSeveralPeriodsFiresOnlyWhenEnoughCompletePeriodsAverageBeyondTheThreshold() {
        Instant period0 = Instant.parse("2026-12-01T12:00:00Z");
        AlarmSeries alarm = AlarmSeries.of(SUSTAINED)
                .add(period0.plusSeconds(10), cpu(90)).add(period0.plusSeconds(40), cpu(60));
        assertEquals(Optional.empty(), judged(alarm, period0.plusSeconds(70)),
                "90 and 60 average 75: one breaching period of the 2 needed");
        alarm = alarm.add(period0.plusSeconds(70), cpu(50)).add(period0.plusSeconds(130), cpu(95));
        assertEquals(Optional.empty(), judged(alarm, period0.plusSeconds(179)), "the period under way is not judged");
        assertEquals("step scaling sustained: cpu 95.0 % > 70.0 % in 2 of the last 3 periods of 60 s, +2 tasks -> 5",
                judged(alarm, period0.plusSeconds(180)).orElseThrow().why(),
                "75, 50 and 95: two breach, and the newest picks the step");
        assertEquals(Optional.empty(), judged(alarm, period0.plusSeconds(240)),
                "50, 95 and a period without readings, which does not breach");
        alarm = alarm.add(period0.plusSeconds(250), null).add(period0.plusSeconds(260), cpu(99));
        assertEquals(3, alarm.datapoints().size(),
                "only the periods judged and the one under way are kept: 50, 95 and 99; none for the gap");
    }

    @Test
    void withoutAPeriodTheAlarmIsTheLatestReadingAndOneWithoutDataIsNone() {
        AlarmSeries alarm = AlarmSeries.of(CPU_HIGH).add(NOW.minusSeconds(5), cpu(95));
        assertEquals(Optional.of(6), ScalingDecision.decide("web", steps(CPU_HIGH), 3, Map.of(),
                Map.of(CPU_HIGH, alarm), null, NOW).map(ScalingDecision.Decision::to));
        assertEquals(Optional.empty(), ScalingDecision.decide("web", steps(CPU_HIGH), 3, Map.of(),
                Map.of(CPU_HIGH, alarm.add(NOW, new Reading(0, 0))), null, NOW), "a round without data ends the alarm");
    }
}
