package dev.berth.cli;

import com.github.dockerjava.api.model.Container;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment circuit breaker and --atomic through berth apply, with health checks that always fail. */
@ExtendWith(RequiresDocker.class)
class CircuitBreakerCommandTest {
    private static final String FAILING_CHECK =
            "healthCheck: {command: [CMD-SHELL, \"exit 1\"], interval: 5, timeout: 2, retries: 1}";

    @TempDir
    Path dir;

    private EngineStack stack;

    @BeforeEach
    void setUp() {
        stack = new EngineStack(dir, "cb");
    }

    @AfterEach
    void tearDown() {
        stack.close();
    }

    private static String definition(String family, String version, boolean failing) {
        return """
                  FAMILY:
                    memory: 32
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: SLEEPER
                        stopTimeout: 1
                        environment: {VERSION: "VERSION_VALUE"}
                """.replace("FAMILY", family).replace("SLEEPER", EngineStack.SLEEPER)
                .replace("VERSION_VALUE", version)
                + (failing ? "        " + FAILING_CHECK + "\n" : "");
    }

    private static String service(String name) {
        return """
                  NAME:
                    cluster: main
                    taskDefinition: NAME
                    desiredCount: 2
                    deploymentConfiguration:
                      deploymentCircuitBreaker: {enable: true, rollback: true}
                """.replace("NAME", name);
    }

    private void writeWeb(String version, boolean failing) {
        stack.write("version: 1\nstack: %STACK%\nclusters:\n  main: {}\ntaskDefinitions:\n"
                + definition("web", version, failing) + "services:\n" + service("web"));
    }

    private void writeWebAndWorker(String webVersion, String workerVersion, boolean workerFailing) {
        stack.write("version: 1\nstack: %STACK%\nclusters:\n  main: {}\ntaskDefinitions:\n"
                + definition("web", webVersion, false) + definition("worker", workerVersion, workerFailing)
                + "services:\n" + service("web") + service("worker"));
    }

    private List<String> runningRevisions(String service) {
        return stack.tasks().stream().filter(c -> "running".equals(c.getState()))
                .filter(c -> service.equals(c.getLabels().get(BerthLabels.SERVICE)))
                .map(c -> c.getLabels().get(BerthLabels.REVISION)).sorted().toList();
    }

    @Test
    void aRevisionThatNeverGetsHealthyIsRolledBackAndTheOldTasksKeepRunning() {
        writeWeb("v1", false);
        stack.applied();
        Set<String> before = stack.runningIds();
        writeWeb("v2", true);

        CommandRun run = stack.berth("apply", "--yes", "--no-color");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("service.web"), run.err());
        assertTrue(run.err().contains("rolled back to web:1"), run.err());
        assertEquals(before, stack.runningIds(), "the old revision's tasks were never stopped");
        assertTrue(stack.tasks().stream().map(Container::getLabels)
                .noneMatch(l -> "2".equals(l.get(BerthLabels.REVISION))), "no task of web:2 is left");
        assertEquals(Map.of(1, 2, 2, 0), stack.history("web"), "web:2 is recorded, web:1 runs");
    }

    @Test
    void atomicRollsBackTheServiceThatSucceededWhenAnotherFails() {
        writeWebAndWorker("v1", "v1", false);
        stack.applied();
        writeWebAndWorker("v2", "v2", true);

        CommandRun run = stack.berth("apply", "--yes", "--atomic", "--no-color");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("service.worker"), run.err());
        assertEquals(List.of("1", "1"), runningRevisions("web"), run.out() + run.err());
        assertEquals(List.of("1", "1"), runningRevisions("worker"), run.out() + run.err());
        assertEquals(4, stack.tasks().size(), "no stopped or new task is left behind");
        assertEquals(2, stack.history("web").get(1));
        assertEquals(2, stack.history("worker").get(1));
    }
}
