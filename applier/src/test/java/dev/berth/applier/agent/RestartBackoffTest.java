package dev.berth.applier.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60));

    @Test
    void theFirstReplacementGoesAtOnceAndEachFurtherOneWaitsTwiceAsLongUpToTheLimit() {
        assertEquals(Optional.empty(), backoff.heldUntil("web", T0));
        backoff.replaced("web", T0);
        assertEquals(Optional.of(T0.plusSeconds(10)), backoff.heldUntil("web", T0.plusSeconds(1)));
        backoff.replaced("web", T0.plusSeconds(10));
        assertEquals(Optional.of(T0.plusSeconds(30)), backoff.heldUntil("web", T0.plusSeconds(11)));
        backoff.replaced("web", T0.plusSeconds(30));
        assertEquals(Optional.of(T0.plusSeconds(70)), backoff.heldUntil("web", T0.plusSeconds(31)));
        backoff.replaced("web", T0.plusSeconds(70));
        assertEquals(Optional.of(T0.plusSeconds(130)), backoff.heldUntil("web", T0.plusSeconds(71)),
                "40 s would double to 80: the limit is 60");
        assertEquals(4, backoff.restarts("web", T0.plusSeconds(71)));
    }

    @Test
    void aServiceThatRanTheLimitWithoutFailingStartsAfresh() {
        backoff.replaced("web", T0);
        backoff.replaced("web", T0.plusSeconds(10));

        Instant later = T0.plusSeconds(30 + 61);
        assertEquals(0, backoff.restarts("web", later));
        assertEquals(Optional.empty(), backoff.heldUntil("web", later));
    }

    @Test
    void servicesAreThrottledApart() {
        backoff.replaced("web", T0);
        assertEquals(Optional.empty(), backoff.heldUntil("api", T0.plusSeconds(1)));
    }
}
