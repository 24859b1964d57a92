package dev.berth.planner.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ScaledCount;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.TargetTracking.Metric;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetTrackingTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AutoScaling.TargetTracking CPU_50 =
            new AutoScaling.TargetTracking(Metric.cpu, 50.0, 60, 120, false);
    private static final AutoScaling CPU = new AutoScaling(1, 6, List.of(CPU_50), List.of());

    private static Optional<Integer> to(AutoScaling scaling, int count, double cpu, ScaledCount last) {
        return TargetTracking.decide("web", scaling, count, count, Map.of(Metric.cpu, cpu), last, NOW)
                .map(TargetTracking.Decision::to);
    }

    @Test
    void theCountFollowsTheMetricInProportionWithinTheBounds() {
        assertEquals(Optional.of(4), to(CPU, 2, 100, null), "ceil(2 * 100 / 50)");
        assertEquals(Optional.of(6), to(CPU, 2, 400, null), "at most maxCapacity");
        assertEquals(Optional.of(1), to(CPU, 3, 5, null), "at least minCapacity");
        assertEquals(Optional.empty(), to(CPU, 2, 50.4, null), "within 1 % of the target: nothing");
        assertEquals(Optional.empty(), TargetTracking.decide("web", CPU, 2, 2, Map.of(), null, NOW),
                "no data: nothing");
    }

    @Test
    void cooldownsHoldRepeatedScaleOutsAndAnyScaleIn() {
        ScaledCount outAMinuteAgo = new ScaledCount("web", 4, NOW.minusSeconds(30), true, null, null);
        // Scaled 2 -> 4 at 100 %; the 2 new tasks are not measured yet.
        assertEquals(Optional.empty(), TargetTracking.decide("web", CPU, 4, 2, Map.of(Metric.cpu, 100.0),
                outAMinuteAgo, NOW), "the same load proposes 4 again: held");
        assertEquals(Optional.of(6), TargetTracking.decide("web", CPU, 4, 2, Map.of(Metric.cpu, 150.0),
                outAMinuteAgo, NOW).map(TargetTracking.Decision::to), "more load: a larger scale-out goes ahead");
        assertEquals(Optional.empty(), to(CPU, 4, 10, outAMinuteAgo), "scale-in waits 120 s after any scaling");
        assertEquals(Optional.of(1), to(CPU, 4, 10, new ScaledCount("web", 4, NOW.minusSeconds(121), true, null, null)));
    }

    @Test
    void ofSeveralPoliciesTheLargestWinsAndHoldingBeatsScalingIn() {
        AutoScaling both = new AutoScaling(1, 6, List.of(CPU_50,
                new AutoScaling.TargetTracking(Metric.memory, 50.0, 0, 0, false)), List.of());
        assertEquals(Optional.of(5), TargetTracking.decide("web", both, 2, 2, Map.of(Metric.cpu, 100.0,
                Metric.memory, 125.0), null, NOW).map(TargetTracking.Decision::to));
        assertEquals(Optional.empty(), TargetTracking.decide("web", both, 4, 4, Map.of(Metric.cpu, 10.0,
                Metric.memory, 50.0), null, NOW), "memory on target holds cpu's scale-in");
        AutoScaling noScaleIn = new AutoScaling(1, 6, List.of(new AutoScaling.TargetTracking(Metric.cpu, 50.0, 0, 0,
                true)), List.of());
        assertEquals(Optional.empty(), to(noScaleIn, 4, 10, null), "disableScaleIn");
    }
}
