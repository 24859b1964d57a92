package dev.berth.applier.deploy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CapacityGuardTest {
    private final CapacityGuard guard = new CapacityGuard(3, 50, 150);

    @Test
    void boundsFollowEcsRounding() {
        assertEquals(4, guard.maxRunning());
        assertEquals(2, guard.minHealthy());
    }

    @Test
    void allowsStepsWithinTheBounds() {
        assertDoesNotThrow(() -> guard.checkStart(3, 1));
        assertDoesNotThrow(() -> guard.checkStop(4, 2));
        assertDoesNotThrow(() -> guard.checkStart(9, 0));
    }

    @Test
    void refusesAStartBeyondMaximumPercentCountingTasksAlreadyRunning() {
        var refused = assertThrows(CapacityGuard.CapacityViolation.class, () -> guard.checkStart(4, 1));
        assertEquals("starting 1 with 4 running would exceed 150% of 3 (at most 4 running)", refused.getMessage());
    }

    @Test
    void refusesAStopBelowMinimumHealthyPercent() {
        var refused = assertThrows(CapacityGuard.CapacityViolation.class, () -> guard.checkStop(3, 2));
        assertEquals("stopping 2 with 3 healthy would go below 50% of 3 (at least 2 healthy)", refused.getMessage());
    }
}
