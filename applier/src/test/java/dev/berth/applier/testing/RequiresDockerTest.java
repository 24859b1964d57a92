package dev.berth.applier.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequiresDockerTest {
    private static final String NOBODY = "tcp://127.0.0.1:1";

    @Test
    void failsOnCiWhenNoEngineAnswers() {
        var failure = assertThrows(AssertionFailedError.class,
                () -> new RequiresDocker(Map.of("DOCKER_HOST", NOBODY, "CI", "true")).requireEngine());
        assertEquals("CI=true but no Docker engine answers at " + NOBODY + " (connection refused)",
                failure.getMessage());
    }

    @Test
    void skipsElsewhereWhenNoEngineAnswers() {
        var skipped = assertThrows(TestAbortedException.class,
                () -> new RequiresDocker(Map.of("DOCKER_HOST", NOBODY)).requireEngine());
        assertEquals("no Docker engine answers at " + NOBODY + " (connection refused)", skipped.getMessage());
    }
}
