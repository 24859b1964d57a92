package dev.berth.planner.plan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {
    @Test
    void thresholdIsHalfTheDesiredCountBetweenThreeAndTwoHundred() {
        assertEquals(3, CircuitBreaker.threshold(0));
        assertEquals(3, CircuitBreaker.threshold(1));
        assertEquals(3, CircuitBreaker.threshold(6));
        assertEquals(4, CircuitBreaker.threshold(7));
        assertEquals(50, CircuitBreaker.threshold(100));
        assertEquals(200, CircuitBreaker.threshold(401));
        assertEquals(200, CircuitBreaker.threshold(10_000));
    }

    @Test
    void tripsAtTheThreshold() {
        CircuitBreaker breaker = new CircuitBreaker(3, true);
        assertFalse(breaker.tripped(2));
        assertTrue(breaker.tripped(3));
    }
}
