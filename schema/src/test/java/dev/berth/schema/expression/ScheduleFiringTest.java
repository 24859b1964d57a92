package dev.berth.schema.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a scheduled action last fired: at(), rate() from the apply, cron as Application Auto Scaling reads it. */
class ScheduleFiringTest {
    private static final LocalDateTime APPLIED = LocalDateTime.parse("2026-11-30T08:00:00");
    /** A Tuesday. */
    private static final LocalDateTime NOW = LocalDateTime.parse("2026-12-01T12:34:56");

    private static Optional<LocalDateTime> last(String schedule) {
        return ScheduleExpression.lastFiring(schedule, APPLIED, NOW);
    }

    @Test
    void atFiresOnceItsTimeHasComeAndOnlyAfterTheApply() {
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T12:00:00")), last("at(2026-12-01T12:00:00)"));
        assertEquals(Optional.empty(), last("at(2026-12-01T13:00:00)"), "not yet");
        assertEquals(Optional.empty(), last("at(2026-11-29T12:00:00)"), "before the stack was applied");
    }

    @Test
    void rateCountsWholePeriodsFromTheApply() {
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T12:00:00")), last("rate(2 hours)"));
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T08:00:00")), last("rate(1 day)"));
        assertEquals(Optional.empty(), last("rate(7 days)"));
    }

    @Test
    void cronFindsTheLatestMatchingMinuteInBothDialects() {
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T09:00:00")), last("cron(0 9 * * MON-FRI)"));
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T09:00:00")), last("cron(0 9 ? * MON-FRI *)"),
                "AWS's six fields, Sunday is 1");
        assertEquals(Optional.of(LocalDateTime.parse("2026-11-30T18:00:00")), last("cron(0 18 * * 1)"),
                "Monday in standard cron");
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T12:30:00")), last("cron(*/15 * * * *)"));
        assertEquals(Optional.of(LocalDateTime.parse("2026-12-01T03:00:00")), last("cron(0 3 * * *)"));
        assertEquals(Optional.empty(), last("cron(0 7 30 11 *)"), "07:00 on 30 Nov came before the apply at 08:00");
    }
}
