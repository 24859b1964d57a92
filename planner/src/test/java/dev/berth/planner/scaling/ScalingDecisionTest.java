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
        return ScalingDecision.decide("web", scaling, count, readings,
                AlarmSeries.next(Map.of(), scaling.stepScaling(), readings, NOW), last, NOW);
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
        ScaledCount outAMinuteAgo = new ScaledCount("web", 4, NOW.minusSeconds(30), true, null, null, null);
        // Scaled 2 -> 4 at 100 %; the 2 new tasks are not measured yet.
        Map<Metric, Reading> sameLoad = Map.of(Metric.cpu, new Reading(100, 2));
        assertEquals(Optional.empty(), to(CPU, 4, sameLoad, outAMinuteAgo), "the same load proposes 4 again: held");
        assertEquals(Optional.of(6), to(CPU, 4, Map.of(Metric.cpu, new Reading(150, 2)), outAMinuteAgo),
                "more load: a larger scale-out goes ahead");
        assertEquals(Optional.empty(), to(CPU, 4, 10, outAMinuteAgo), "scale-in waits 120 s after any scaling");
        assertEquals(Optional.of(1), to(CPU, 4, 10, new ScaledCount("web", 4, NOW.minusSeconds(121), true, null, null, null)));
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
        ScaledCount justNow = new ScaledCount("web", 4, NOW.minusSeconds(10), true, null, null, null);
        assertEquals(Optional.empty(), to(scaling, 4, 10, justNow), "scale-in within the 60 s cooldown");
        assertEquals(Optional.of(3), to(scaling, 4, 10, new ScaledCount("web", 4, NOW.minusSeconds(61), true,
                null, null, 3)));
        AutoScaling mixed = new AutoScaling(1, 10, List.of(new AutoScaling.TargetTracking(Metric.cpu, 20.0, 0, 0,
                false)), List.of(CPU_HIGH), List.of());
        assertTrue(to(mixed, 4, 10, null).orElseThrow() < 4,
                "the step policy's alarm is quiet, so target tracking scales in");
    }

    /** cpu above 70 % in 2 of the last 3 periods of 60 s: 2 more tasks. */
    private static final StepScaling SUSTAINED = new StepScaling("sustained", Metric.cpu,
            Comparison.GreaterThanThreshold, 70.0, 60, 3, 2, AdjustmentType.ChangeInCapacity,
            List.of(new StepAdjustment(0.0, null, 2)), null, 0);
    private static final Instant PERIOD_0 = Instant.parse("2026-12-01T12:00:00Z");

    /** The series of {@code policies} after readings of cpu at these seconds after PERIOD_0. */
    private static Map<AlarmSeries.Key, AlarmSeries> readings(List<StepScaling> policies, double[]... cpuAt) {
        Map<AlarmSeries.Key, AlarmSeries> series = Map.of();
        for (double[] reading : cpuAt) {
            Map<Metric, Reading> read = Double.isNaN(reading[1]) ? Map.of() : Map.of(Metric.cpu, cpu(reading[1]));
            series = AlarmSeries.next(series, policies, read, PERIOD_0.plusSeconds((long) reading[0]));
        }
        return series;
    }

    private static Optional<ScalingDecision.Decision> judged(StepScaling policy, Map<AlarmSeries.Key, AlarmSeries> alarms,
                                                             int count, ScaledCount last, long secondsAfterPeriod0) {
        return ScalingDecision.decide("web", steps(policy), count, Map.of(), alarms, last,
                PERIOD_0.plusSeconds(secondsAfterPeriod0));
    }

    private static Reading cpu(double percent) {
        return new Reading(percent, 3);
    }

    @Test
    void anAlarmOfSeveralPeriodsFiresOnlyWhenEnoughCompletePeriodsAverageBeyondTheThreshold() {
        List<StepScaling> policies = List.of(SUSTAINED);
        Map<AlarmSeries.Key, AlarmSeries> first = readings(policies, new double[] {10, 90}, new double[] {40, 60});
        assertEquals(Optional.empty(), judged(SUSTAINED, first, 3, null, 70),
                "90 and 60 average 75: one breaching period of the 2 needed");
        Map<AlarmSeries.Key, AlarmSeries> alarms = readings(policies, new double[] {10, 90}, new double[] {40, 60},
                new double[] {60, 50}, new double[] {130, 95});
        assertEquals(Optional.empty(), judged(SUSTAINED, alarms, 3, null, 179), "the period under way is not judged");
        assertEquals("step scaling sustained: cpu 95.0 % > 70.0 % in 2 of the last 3 periods of 60 s, +2 tasks -> 5",
                judged(SUSTAINED, alarms, 3, null, 180).orElseThrow().why(),
                "75, 50 (read at 60 s: a boundary opens the next period) and 95: two breach, the newest picks the step");
        assertEquals(Optional.empty(), judged(SUSTAINED, alarms, 3, null, 240),
                "50, 95 and a period without readings, which does not breach");
        Map<AlarmSeries.Key, AlarmSeries> later = readings(policies, new double[] {10, 90}, new double[] {40, 60},
                new double[] {60, 50}, new double[] {130, 95}, new double[] {250, Double.NaN}, new double[] {260, 99});
        assertEquals(3, later.get(AlarmSeries.Key.of(SUSTAINED)).datapoints().size(),
                "only the periods judged and the one under way are kept: 50, 95 and 99; none for the gap");
    }

    @Test
    void withinItsCooldownTheSameBreachDoesNotScaleOutAgainButALargerStepDoes() {
        StepScaling steps = new StepScaling("sustained", Metric.cpu, Comparison.GreaterThanThreshold, 70.0, 60, 1,
                null, AdjustmentType.ChangeInCapacity, List.of(new StepAdjustment(0.0, 20.0, 2),
                new StepAdjustment(20.0, null, 3)), null, 300);
        Map<AlarmSeries.Key, AlarmSeries> hot = readings(List.of(steps), new double[] {10, 80});
        assertEquals(5, judged(steps, hot, 3, null, 60).orElseThrow().to());
        ScaledCount scaledOut = new ScaledCount("web", 5, PERIOD_0.plusSeconds(60), true, null, null, 3);
        assertEquals(Optional.empty(), judged(steps, hot, 5, scaledOut, 70),
                "the same period, the same step: the 2 tasks it added count, 3 + 2 is no more than 5");
        Map<AlarmSeries.Key, AlarmSeries> hotter = readings(List.of(steps), new double[] {70, 95});
        assertEquals(Optional.of(6), judged(steps, hotter, 5, scaledOut, 120).map(ScalingDecision.Decision::to),
                "the larger step adds 3 to the 3 before the cooling scale-out");
        assertEquals(Optional.of(7), judged(steps, readings(List.of(steps), new double[] {330, 80}), 5, scaledOut,
                361).map(ScalingDecision.Decision::to), "after the cooldown the step adds to the count again");
        assertEquals(Optional.of(7), judged(steps, hot, 5, new ScaledCount("web", 5, PERIOD_0.plusSeconds(60), true,
                null, null, null), 70).map(ScalingDecision.Decision::to),
                "a record of an older berth, without the count before: as before, from the count");
    }

    @Test
    void policiesOfTheSameMetricAndPeriodsShareTheirDatapointsAndAnEditedThresholdKeepsThem() {
        StepScaling cooler = new StepScaling("sustained", Metric.cpu, Comparison.GreaterThanThreshold, 90.0, 60, 3, 2,
                AdjustmentType.ChangeInCapacity, List.of(new StepAdjustment(0.0, null, 1)), null, 0);
        Map<AlarmSeries.Key, AlarmSeries> both = readings(List.of(SUSTAINED, cooler), new double[] {10, 95},
                new double[] {70, 95});
        assertEquals(1, both.size());
        assertEquals(List.of(1, 1), both.values().iterator().next().datapoints().stream()
                .map(AlarmSeries.Datapoint::readings).toList(), "each reading added once, not once per policy");
        Map<AlarmSeries.Key, AlarmSeries> edited = AlarmSeries.next(both, List.of(cooler), Map.of(),
                PERIOD_0.plusSeconds(121));
        assertEquals(Optional.of(4), judged(cooler, edited, 3, null, 121).map(ScalingDecision.Decision::to),
                "the threshold raised to 90: the two periods at 95 still count");
    }

    @Test
    void periodsFromAClockThatSteppedBackAreDroppedNotJudgedTwice() {
        Map<AlarmSeries.Key, AlarmSeries> alarms = readings(List.of(SUSTAINED), new double[] {130, 95},
                new double[] {10, 50}, new double[] {70, 50});
        assertEquals(List.of(0L, 1L), alarms.get(AlarmSeries.Key.of(SUSTAINED)).datapoints().stream()
                .map(d -> d.slot() - PERIOD_0.getEpochSecond() / 60).toList(), "the period read before the step back goes");
        assertEquals(Optional.empty(), judged(SUSTAINED, alarms, 3, null, 120));
    }

    @Test
    void withoutAPeriodTheAlarmIsTheLatestReadingAndOneWithoutDataIsNone() {
        Map<AlarmSeries.Key, AlarmSeries> hot = AlarmSeries.next(Map.of(), List.of(CPU_HIGH),
                Map.of(Metric.cpu, cpu(95)), NOW.minusSeconds(5));
        assertEquals(Optional.of(6), ScalingDecision.decide("web", steps(CPU_HIGH), 3, Map.of(), hot, null, NOW)
                .map(ScalingDecision.Decision::to));
        assertEquals(Optional.empty(), ScalingDecision.decide("web", steps(CPU_HIGH), 3, Map.of(),
                AlarmSeries.next(hot, List.of(CPU_HIGH), Map.of(), NOW), null, NOW), "a round without data ends the alarm");
    }
}
