package dev.berth.applier.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.schema.model.HealthCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthChecksTest {
    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");
    private static final HealthCheck EVERY_5_S = new HealthCheck(List.of("CMD-SHELL", "true"), 5, 2, 3, 0);

    @Test
    void beforeTheFirstProbeTheAnswerIsDueOneIntervalAfterTheStart() {
        assertEquals(STARTED.plusSeconds(5), HealthChecks.nextAnswer(EVERY_5_S, STARTED, STARTED.plusMillis(500), false));
        assertEquals(STARTED.plusSeconds(5), HealthChecks.nextAnswer(EVERY_5_S, STARTED, STARTED.plusMillis(4_999), false));
    }

    @Test
    void whileAProbeMayStillBeRunningItsAnswerIsAskedForSoon() {
        Instant now = STARTED.plusMillis(5_300);
        assertEquals(now.plusMillis(100), HealthChecks.nextAnswer(EVERY_5_S, STARTED, now, false));
    }

    @Test
    void aProbeThatDidNotTurnItHealthyWithinASecondLeavesTheNextProbeToWaitFor() {
        assertEquals(STARTED.plusSeconds(10), HealthChecks.nextAnswer(EVERY_5_S, STARTED, STARTED.plusMillis(6_200), false));
    }

    @Test
    void whenTheEnginesEventsTellTheAnswerAProbeUnderWayIsNotAskedAfterButTheNextOneIsWaitedFor() {
        assertEquals(STARTED.plusSeconds(10), HealthChecks.nextAnswer(EVERY_5_S, STARTED, STARTED.plusMillis(5_300), true));
        assertEquals(STARTED.plusSeconds(5), HealthChecks.nextAnswer(EVERY_5_S, STARTED, STARTED.plusMillis(500), true));
    }
}
