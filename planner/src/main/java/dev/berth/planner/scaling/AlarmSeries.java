package dev.berth.planner.scaling;

import dev.berth.schema.canonical.Defaults;
import dev.berth.schema.model.AutoScaling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The datapoints a step scaling policy's alarm judges, as CloudWatch keeps them for an alarm: with
 * a period, each datapoint averages the readings taken within one period (periods counted from the
 * epoch, as CloudWatch aligns them), and only complete periods are judged; without one, the alarm
 * is the latest reading. It keeps no more than the periods it judges and the one under way, so a
 * day of one-second periods stays small. Immutable: the agent adds each round's reading with the
 * time it took it.
 */
public record AlarmSeries(AutoScaling.StepScaling policy, List<Datapoint> datapoints) {

    /** The readings of one period; {@code slot} is the period's index since the epoch. */
    public record Datapoint(long slot, double sum, int readings) {
        double average() {
            return sum / readings;
        }
    }

    public AlarmSeries {
        datapoints = List.copyOf(datapoints);
    }

    public static AlarmSeries of(AutoScaling.StepScaling policy) {
        return new AlarmSeries(policy, List.of());
    }

    /** This series with a reading taken at {@code at}; one without data (null, or over no task) adds none. */
    public AlarmSeries add(Instant at, Reading reading) {
        boolean data = reading != null && reading.over() > 0;
        if (policy.period() == null) {
            return new AlarmSeries(policy, data ? List.of(new Datapoint(0, reading.value(), 1)) : List.of());
        }
        long slot = slot(at);
        List<Datapoint> kept = new ArrayList<>(datapoints.stream()
                .filter(d -> d.slot() >= slot - evaluationPeriods()).toList());
        if (data) {
            Datapoint last = kept.isEmpty() ? null : kept.getLast();
            if (last != null && last.slot() == slot) {
                kept.set(kept.size() - 1, new Datapoint(slot, last.sum() + reading.value(), last.readings() + 1));
            } else {
                kept.add(new Datapoint(slot, reading.value(), 1));
            }
        }
        return new AlarmSeries(policy, kept);
    }

    /**
     * The values the alarm judges at {@code now}, oldest first: the last evaluationPeriods complete
     * periods, null for one without readings; without a period, the latest reading (null for none).
     */
    List<Double> judged(Instant now) {
        if (policy.period() == null) {
            return datapoints.isEmpty() ? Collections.singletonList(null)
                    : List.of(datapoints.getLast().average());
        }
        long current = slot(now);
        List<Double> judged = new ArrayList<>();
        for (long slot = current - evaluationPeriods(); slot < current; slot++) {
            long s = slot;
            judged.add(datapoints.stream().filter(d -> d.slot() == s).findFirst().map(Datapoint::average).orElse(null));
        }
        return judged;
    }

    int evaluationPeriods() {
        return Objects.requireNonNullElse(policy.evaluationPeriods(), Defaults.EVALUATION_PERIODS);
    }

    int datapointsToAlarm() {
        return Objects.requireNonNullElse(policy.datapointsToAlarm(), evaluationPeriods());
    }

    private long slot(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), policy.period() * 1000L);
    }
}
