package dev.berth.applier.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LostHostsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final LostHosts lost = new LostHosts(Duration.ofSeconds(30));

    private static ObservedState hosts(boolean h2Answers) {
        return new ObservedState("shop", List.of(new ObservedHost("main", "h1", "tcp://h1:2376", true, null, null),
                new ObservedHost("main", "h2", "tcp://h2:2376", h2Answers, h2Answers ? null : "refused", null)),
                List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aHostIsLostOnlyOnceItHasBeenAwayForTheWholeGrace() {
        lost.observed(hosts(false), T0);
        lost.observed(hosts(false), T0.plusSeconds(20));
        assertEquals(Set.of(), lost.lost(T0.plusSeconds(29)));
        assertEquals(T0.plusSeconds(30), lost.nextDeadline());
        assertEquals(Set.of("main/h2"), lost.lost(T0.plusSeconds(30)));
    }

    @Test
    void answeringOnceStartsTheGraceAnew() {
        lost.observed(hosts(false), T0);
        lost.observed(hosts(true), T0.plusSeconds(20));
        assertNull(lost.nextDeadline());
        lost.observed(hosts(false), T0.plusSeconds(25));
        assertEquals(Set.of(), lost.lost(T0.plusSeconds(40)));
        assertEquals(Set.of("main/h2"), lost.lost(T0.plusSeconds(55)));
    }
}
