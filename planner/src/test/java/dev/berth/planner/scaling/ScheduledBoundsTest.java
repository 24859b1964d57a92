package dev.berth.planner.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.AutoScaling.ScheduledAction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledBoundsTest {
    private static final Instant APPLIED = Instant.parse("2026-12-01T06:00:00Z");

    private static AutoScaling scaling(ScheduledAction... actions) {
        return new AutoScaling(1, 4, List.of(), List.of(), List.of(actions));
    }

    @Test
    void theLatestActionThatFiredSetsEachBoundInItsTimeZone() {
        AutoScaling workday = scaling(
                new ScheduledAction("morning", "cron(0 8 * * *)", "Europe/Berlin", 3, 8),
                new ScheduledAction("evening", "cron(0 20 * * *)", "Europe/Berlin", 1, null));

        assertEquals(new ScheduledBounds(1, 4, null), ScheduledBounds.of(workday, APPLIED,
                Instant.parse("2026-12-01T06:59:00Z")), "08:00 in Berlin is 07:00 UTC");
        assertEquals(new ScheduledBounds(3, 8, "morning"), ScheduledBounds.of(workday, APPLIED,
                Instant.parse("2026-12-01T07:00:00Z")));
        assertEquals(new ScheduledBounds(1, 8, "evening"), ScheduledBounds.of(workday, APPLIED,
                Instant.parse("2026-12-01T19:30:00Z")), "evening sets only the minimum");
    }

    @Test
    void aMaximumBelowTheMinimumInForceRisesToIt() {
        AutoScaling raised = scaling(new ScheduledAction("sale", "at(2026-12-01T10:00:00)", null, 6, null));

        assertEquals(new ScheduledBounds(6, 6, "sale"), ScheduledBounds.of(raised, APPLIED,
                Instant.parse("2026-12-01T10:00:01Z")));
    }
}
