package dev.berth.planner.scaling;

import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.AutoScaling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The datapoints step scaling alarms judge, as CloudWatch keeps them for an alarm: with a period,
 * each datapoint averages the readings taken within one period (periods counted from the epoch,
 * as CloudWatch aligns them), and only complete periods are judged; without one, the alarm is the
 * latest reading. A series belongs to its metric, period and evaluation periods, not to one policy:
 * policies that share them share it, and a policy whose threshold or steps an apply changes keeps
 * it. It keeps no more than the periods it judges and the one under way, so a day of one-second
 * periods stays small. Immutable: the agent adds each round's reading with the time it took it.
 */
public record AlarmSeries(Key key, List<Datapoint> datapoints) {

    /** What a series' datapoints depend on. */
    public record Key(AutoScaling.Metric metric, Integer period, int evaluationPeriods) {
        public static Key of(AutoScaling.StepScaling policy) {
            return new Key(policy.metric(), policy.period(),
                    Objects.requireNonNullElse(policy.evaluationPeriods(), Defaults.EVALUATION_PERIODS));
        }
    }

    /** The readings of one period; {@code slot} is the period's index since the epoch. */
    public record Datapoint(long slot, double sum, int readings) {
        double average() {
            return sum / readings;
        }
    }

    public AlarmSeries {
        datapoints = List.copyOf(datapoints);
    }

    /**
     * The series of {@code policies} with this round's readings added, once to each series however
     * many policies share it; those no policy judges any more are left out.
     */
    public static Map<Key, AlarmSeries> next(Map<Key, AlarmSeries> before, List<AutoScaling.StepScaling> policies,
                                             Map<AutoScaling.Metric, Reading> readings, Instant at) {
        Map<Key, AlarmSeries> next = new HashMap<>();
        for (AutoScaling.StepScaling policy : policies) {
            next.computeIfAbsent(Key.of(policy), key -> before.getOrDefault(key, new AlarmSeries(key, List.of()))
                    .add(at, readings.get(key.metric())));
        }
        return Map.copyOf(next);
    }

    /** This series with a reading taken at {@code at}; one without data (null, or over no task) adds none. */
    AlarmSeries add(Instant at, Reading reading) {
        boolean data = reading != null && reading.over() > 0;
        if (key.period() == null) {
            return new AlarmSeries(key, data ? List.of(new Datapoint(0, reading.value(), 1)) : List.of());
        }
        long slot = slot(at);
        // Periods after this one come from a clock that has since stepped back: they go.
        List<Datapoint> kept = new ArrayList<>(datapoints.stream()
                .filter(d -> d.slot() >= slot - key.evaluationPeriods() && d.slot() <= slot).toList());
        if (data) {
            int same = indexOf(kept, slot);
            if (same >= 0) {
                Datapoint d = kept.get(same);
                kept.set(same, new Datapoint(slot, d.sum() + reading.value(), d.readings() + 1));
            } else {
                kept.add(new Datapoint(slot, reading.value(), 1));
                kept.sort(Comparator.comparingLong(Datapoint::slot));
            }
        }
        return new AlarmSeries(key, kept);
    }

    /**
     * The values an alarm judges at {@code now}, oldest first: the last evaluationPeriods complete
     * periods, null for one without readings; without a period, the latest reading (null for none).
     */
    List<Double> judged(Instant now) {
        if (key.period() == null) {
            return datapoints.isEmpty() ? Collections.singletonList(null) : List.of(datapoints.getLast().average());
        }
        long current = slot(now);
        List<Double> judged = new ArrayList<>();
        for (long slot = current - key.evaluationPeriods(); slot < current; slot++) {
            int index = indexOf(datapoints, slot);
            judged.add(index < 0 ? null : datapoints.get(index).average());
        }
        return judged;
    }

    private static int indexOf(List<Datapoint> datapoints, long slot) {
        for (int i = 0; i < datapoints.size(); i++) {
            if (datapoints.get(i).slot() == slot) {
                return i;
            }
        }
        return -1;
    }

    private long slot(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), key.period() * 1000L);
    }
}
