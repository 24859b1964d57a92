package dev.berth.cli;

import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** services.dependsOn through berth apply on the local engine: web starts once db's deployment is done. */
@ExtendWith(RequiresDocker.class)
class ServiceOrderCommandTest {
    private static final String STACK = """
            version: 1
            stack: %STACK%
            clusters:
              main: {}
            taskDefinitions:
              db:
                memory: 32
                containerDefinitions:
                  - name: db
                    image: berth/busybox:1
                    command: DB_COMMAND
                    stopTimeout: 1
                    healthCheck: {command: [CMD-SHELL, "echo | nc 127.0.0.1 8080"], interval: 5, timeout: 2, retries: 1}
              web:
                memory: 32
                containerDefinitions:
                  - name: app
                    image: berth/busybox:1
                    command: SLEEPER
                    stopTimeout: 1
            services:
              db:
                cluster: main
                taskDefinition: db
                deploymentConfiguration:
                  deploymentCircuitBreaker: {enable: true, rollback: false}
              web: {cluster: main, taskDefinition: web, desiredCount: 2, dependsOn: [db]}
            """.replace("SLEEPER", EngineStack.SLEEPER);

    @TempDir
    Path dir;

    private EngineStack stack;

    @BeforeEach
    void setUp() {
        stack = new EngineStack(dir, "order");
    }

    @AfterEach
    void tearDown() {
        stack.close();
    }

    private List<InspectContainerResponse> tasks(String service) {
        return stack.tasks().stream().filter(c -> service.equals(c.getLabels().get(BerthLabels.SERVICE)))
                .map(Container::getId).map(id -> stack.docker.inspectContainerCmd(id).exec()).toList();
    }

    @Test
    void aServiceStartsOnlyAfterTheServiceItDependsOnIsHealthy() {
        stack.write(STACK.replace("DB_COMMAND", "[httpd, -f, -p, \"8080\"]"));
        CommandRun plan = stack.berth("plan", "--no-color");
        assertTrue(plan.out().contains("+ service.web\n") && plan.out().contains("# after db"), plan.out());

        stack.applied();

        List<InspectContainerResponse> db = tasks("db");
        assertEquals(1, db.size());
        Instant healthy = db.getFirst().getState().getHealth().getLog().stream()
                .filter(log -> log.getExitCodeLong() == 0).map(HealthStateLog::getEnd).map(Instant::parse)
                .min(Instant::compareTo).orElseThrow();
        List<InspectContainerResponse> web = tasks("web");
        assertEquals(2, web.size());
        for (InspectContainerResponse task : web) {
            Instant created = Instant.parse(task.getCreated());
            assertTrue(created.isAfter(healthy), "web task created " + created + ", db healthy " + healthy);
        }
    }

    @Test
    void aServiceWhoseDependencyFailsIsNotStartedAndApplyFails() {
        stack.write(STACK.replace("DB_COMMAND", "[\"false\"]"));

        CommandRun run = stack.berth("apply", "--yes", "--no-color");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue((run.out() + run.err()).contains("not deployed: service db, which it depends on, did not deploy"),
                run.out() + run.err());
        assertEquals(List.of(), tasks("web"));
    }

    @Test
    void withAtomicAServiceThatWasNotStartedHasNothingToRollBack() {
        stack.write(STACK.replace("DB_COMMAND", "[\"false\"]"));

        CommandRun run = stack.berth("apply", "--yes", "--no-color", "--atomic");

        String output = run.out() + run.err();
        assertEquals(1, run.exitCode(), output);
        assertTrue(output.contains("service.web: not deployed: service db, which it depends on, did not deploy\n"),
                output);
        assertTrue(output.contains("rolled back: removed the service this apply created"), output);
        assertEquals(List.of(), tasks("web"));
        assertEquals(List.of(), tasks("db").stream().filter(t -> t.getState().getRunning()).toList());
    }
}
