package dev.berth.cli;

import dev.berth.applier.testing.RequiresDocker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** berth rollback on one stack that has run revisions 1 and 2 of web; the tests run in order. */
@ExtendWith(RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackCommandTest {
    private EngineStack stack;

    @BeforeAll
    void deployTwoRevisions(@TempDir Path dir) {
        stack = new EngineStack(dir, "rb");
        stack.web(2, "v1").applied();
        stack.web(2, "v2").applied();
    }

    @AfterAll
    void tearDown() {
        stack.close();
    }

    private List<String> versions() {
        return stack.runningIds().stream()
                .map(id -> Arrays.stream(stack.docker.inspectContainerCmd(id).exec().getConfig().getEnv())
                        .filter(e -> e.startsWith("VERSION=")).findFirst().orElseThrow())
                .sorted().toList();
    }

    @Test
    @Order(1)
    void rollbackDeploysThePreviousRevision() {
        Set<String> before = stack.runningIds();

        CommandRun run = stack.berth("rollback", "--yes", "--no-color", "STACK", "web");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Rollback complete for stack " + stack.name + ": 2 tasks started, 2 stopped."),
                run.out());
        assertEquals(Map.of(1, 2, 2, 0), stack.history("web"));
        assertEquals(List.of("1", "1"), stack.runningRevisions());
        assertEquals(List.of("VERSION=v1", "VERSION=v1"), versions());
        assertTrue(stack.runningIds().stream().noneMatch(before::contains));
        CommandRun history = stack.berth("history", "STACK", "web");
        assertTrue(history.out().lines().anyMatch(l -> l.matches("\\*\\s+web:1\\s.*")), history.out());
    }

    @Test
    @Order(2)
    void toGoesForwardAgain() {
        CommandRun run = stack.berth("rollback", "--yes", "--no-color", "--to", "2", "STACK", "web");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(Map.of(1, 0, 2, 2), stack.history("web"));
        assertEquals(List.of("VERSION=v2", "VERSION=v2"), versions());
        assertTrue(stack.berth("apply", "--yes", "--no-color").out().contains("No changes."),
                "revision 2 is what the stack says");
    }

    @Test
    @Order(3)
    void toAnUnrecordedRevisionListsTheRecordedOnesAndChangesNothing() {
        Set<String> before = stack.runningIds();

        CommandRun run = stack.berth("rollback", "--yes", "--no-color", "--to", "9", "STACK", "web");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals("berth: error: web:9 is not a recorded revision; recorded: [web:1, web:2]\n", run.err());
        assertEquals(before, stack.runningIds());
    }

    @Test
    @Order(4)
    void anUnknownServiceNamesTheStacksServices() {
        CommandRun run = stack.berth("rollback", "--yes", "STACK", "wbe");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("has no service \"wbe\"; its services: web"), run.err());
    }
}
