package dev.berth.planner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRatesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(10);

    private static ObservedLoadBalancer balancer(String id, String host, ObservedTarget... targets) {
        return new ObservedLoadBalancer("main", host, "public", id, "sha256:1", "berth/haproxy:2", true,
                List.of(targets));
    }

    private static ObservedTarget target(String service, String task, String status, long requests) {
        return new ObservedTarget(service, task, "10.0.0.2", 32768, status, "L7OK 200", 0, requests);
    }

    @Test
    void aTasksRateIsWhatItWasSentOverTheWindowByEveryLoadBalancerContainer() {
        RequestRates rates = RequestRates.between(T0,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 100)),
                        balancer("c2", "h2", target("web", "web-1", "UP", 50))),
                T1,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 600)),
                        balancer("c2", "h2", target("web", "web-1", "UP", 250))));

        assertEquals(70.0, rates.perTask().get("web-1").perSecond(), 1e-9, "(500 + 200) / 10 s");
    }

    @Test
    void perTargetPerMinuteDividesTheServicesRequestsByItsHealthyTargetsAsEcsDoes() {
        RequestRates rates = RequestRates.between(T0,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 0), target("web", "web-2", "UP", 0),
                        target("web", "web-old", "UP", 0), target("api", "api-1", "UP", 0))),
                T1,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 300), target("web", "web-2", "UP", 300),
                        target("web", "web-old", "DRAIN", 200), target("api", "api-1", "UP", 5))));

        // 800 requests in 10 s is 4,800 a minute, over the 2 targets still up.
        assertEquals(2400.0, rates.perTargetPerMinute("web").orElseThrow(), 1e-9);
        assertEquals(30.0, rates.perTargetPerMinute("api").orElseThrow(), 1e-9);
        assertTrue(rates.perTargetPerMinute("worker").isEmpty(), "no target, no data");
    }

    @Test
    void aContainerThatRestartedCountsFromZeroAndANewTargetFromItsRegistration() {
        RequestRates rates = RequestRates.between(T0,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 5000))),
                T1,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 40), target("web", "web-2", "UP", 60))));

        assertEquals(4.0, rates.perTask().get("web-1").perSecond(), 1e-9);
        assertEquals(6.0, rates.perTask().get("web-2").perSecond(), 1e-9);
    }

    @Test
    void aTargetDownOnOneContainerIsNotHealthy() {
        RequestRates rates = RequestRates.between(T0, List.of(), T1,
                List.of(balancer("c1", "h1", target("web", "web-1", "UP", 10)),
                        balancer("c2", "h2", target("web", "web-1", "DOWN", 0))));

        assertTrue(rates.perTargetPerMinute("web").isEmpty());
    }

    @Test
    void theSecondObservationMustComeAfterTheFirst() {
        assertThrows(IllegalArgumentException.class, () -> RequestRates.between(T1, List.of(), T0, List.of()));
    }
}
