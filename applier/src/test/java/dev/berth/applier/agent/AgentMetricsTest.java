package dev.berth.applier.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.applier.events.ApplyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What AgentMetrics keeps for the status page, and for how long. */
class AgentMetricsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    private final AgentMetrics metrics = new AgentMetrics();

    @Test
    void samplesOlderThanAnHourAreDroppedAndAServiceWithoutRecentOnesHasNoSeries() {
        metrics.sampled("shop", "web", T0, 1, 1, Map.of("cpu", 10.0));
        metrics.sampled("shop", "web", T0.plus(Duration.ofMinutes(30)), 2, 2, Map.of("cpu", 20.0));
        metrics.sampled("shop", "web", T0.plus(Duration.ofMinutes(61)), 3, 3, Map.of("cpu", 30.0));

        List<AgentMetrics.Point> kept = metrics.snapshot(List.of("shop"), T0.plus(Duration.ofMinutes(61)))
                .stacks().getFirst().series().get("web");
        assertEquals(List.of(2, 3), kept.stream().map(AgentMetrics.Point::desired).toList());
        List<AgentMetrics.Point> later = metrics.snapshot(List.of("shop"), T0.plus(Duration.ofMinutes(95)))
                .stacks().getFirst().series().get("web");
        assertEquals(List.of(3), later.stream().map(AgentMetrics.Point::desired).toList(),
                "the page's hour ends now, not at the last sample");
        assertEquals(Map.of(), metrics.snapshot(List.of("shop"), T0.plus(Duration.ofMinutes(122))).stacks()
                .getFirst().series());
    }

    @Test
    void theLatestEventsAreKeptNewestFirstUpToTheBound() {
        for (int i = 0; i < AgentMetrics.EVENTS + 50; i++) {
            metrics.on(new ApplyEvent(T0.plusSeconds(i), ApplyEvent.Type.info, null, "event " + i, null));
        }

        List<ApplyEvent> events = metrics.snapshot(List.of(), T0).events();

        assertEquals(AgentMetrics.EVENTS, events.size());
        assertEquals("event 249", events.getFirst().message());
        assertEquals("event 50", events.getLast().message());
    }
}
