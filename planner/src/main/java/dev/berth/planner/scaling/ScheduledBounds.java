package dev.berth.planner.scaling;

import dev.berth.schema.expression.ScheduleExpression;
import dev.berth.schema.model.AutoScaling;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The capacity bounds in force: each bound as the latest scheduled action that fired since the
 * stack was applied set it (in the action's time zone, UTC by default), else the stack's. A
 * maxCapacity below the minCapacity in force rises to it. Pure: the caller brings the clock.
 *
 * @param action the action that set the latest bound, or null when both are the stack's
 */
public record ScheduledBounds(int minCapacity, int maxCapacity, String action) {

    public static ScheduledBounds of(AutoScaling scaling, Instant appliedAt, Instant now) {
        Integer min = null;
        Integer max = null;
        Instant minAt = null;
        Instant maxAt = null;
        String action = null;
        Instant actionAt = null;
        for (AutoScaling.ScheduledAction scheduled : scaling.scheduled()) {
            ZoneId zone = scheduled.timezone() == null ? ZoneOffset.UTC : ZoneId.of(scheduled.timezone());
            LocalDateTime since = LocalDateTime.ofInstant(appliedAt, zone);
            LocalDateTime until = LocalDateTime.ofInstant(now, zone);
            Instant fired = ScheduleExpression.lastFiring(scheduled.schedule(), since, until)
                    .map(t -> t.atZone(zone).toInstant()).orElse(null);
            if (fired == null) {
                continue;
            }
            if (scheduled.minCapacity() != null && (minAt == null || fired.isAfter(minAt))) {
                min = scheduled.minCapacity();
                minAt = fired;
            }
            if (scheduled.maxCapacity() != null && (maxAt == null || fired.isAfter(maxAt))) {
                max = scheduled.maxCapacity();
                maxAt = fired;
            }
            if (actionAt == null || fired.isAfter(actionAt)) {
                action = scheduled.name() == null ? scheduled.schedule() : scheduled.name();
                actionAt = fired;
            }
        }
        int minimum = min == null ? scaling.minCapacity() : min;
        int maximum = Math.max(minimum, max == null ? scaling.maxCapacity() : max);
        return new ScheduledBounds(minimum, maximum, action);
    }

    /** The stack's scaling with these bounds, for the policies to work within. */
    public AutoScaling applyTo(AutoScaling scaling) {
        return new AutoScaling(minCapacity, maxCapacity, scaling.targetTracking(), scaling.stepScaling(),
                scaling.scheduled());
    }
}
