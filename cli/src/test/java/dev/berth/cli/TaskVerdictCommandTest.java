package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One verdict per task, read by plan, drift and status alike, on the local engine: a sidecar that
 * exits is no drift and no change; an unhealthy task is both, and apply repairs it.
 */
@ExtendWith(RequiresDocker.class)
class TaskVerdictCommandTest {
    @TempDir
    Path dir;

    @Test
    void aNonEssentialSidecarThatExitsOneIsNeitherDriftNorAChange() throws Exception {
        try (EngineStack stack = new EngineStack(dir, "tv")) {
            stack.write("""
                    version: 1
                    stack: %STACK%
                    clusters:
                      main: {}
                    taskDefinitions:
                      app:
                        memory: 64
                        containerDefinitions:
                          - {name: main, image: "berth/busybox:1", command: [sleep, "3600"], stopTimeout: 1}
                          - {name: side, image: "berth/busybox:1", essential: false, command: [sh, -c, "sleep 2; exit 1"]}
                    services:
                      app: {cluster: main, taskDefinition: app, desiredCount: 1}
                    """).applied();
            awaitState(stack, "side", "exited");

            CommandRun plan = stack.berth("plan", "--detailed-exitcode", "--no-color");
            CommandRun drift = stack.berth("drift", "--no-color");
            CommandRun status = stack.berth("status", "--format", "json");

            assertEquals(0, plan.exitCode(), plan.out());
            assertTrue(plan.out().contains("No changes."), plan.out());
            assertEquals(0, drift.exitCode(), drift.out());
            JsonNode task = stack.readJson(status.out()).get("services").get(0).get("tasks").get(0);
            assertEquals("running", task.get("verdict").asText(), status.out());
            assertEquals(List.of("running", "exited"), task.get("containers").findValuesAsText("state"));
        }
    }

    @Test
    void anUnhealthyTaskIsDriftThePlanReplacesAndApplyRepairs() throws Exception {
        try (EngineStack stack = new EngineStack(dir, "tv")) {
            stack.write("""
                    version: 1
                    stack: %STACK%
                    clusters:
                      main: {}
                    taskDefinitions:
                      app:
                        memory: 64
                        containerDefinitions:
                          - name: main
                            image: berth/busybox:1
                            command: [sh, -c, "trap 'exit 0' TERM; touch /tmp/ok; sleep 3600 & wait"]
                            stopTimeout: 1
                            healthCheck: {command: [CMD-SHELL, "test -f /tmp/ok"], interval: 5, timeout: 2, retries: 1}
                    services:
                      app: {cluster: main, taskDefinition: app, desiredCount: 1}
                    """).applied();
            Container sick = stack.tasks().getFirst();
            stack.docker.execStartCmd(stack.docker.execCreateCmd(sick.getId()).withCmd("rm", "/tmp/ok").exec().getId())
                    .start().awaitCompletion();
            awaitHealth(stack, sick.getId(), "unhealthy");

            CommandRun plan = stack.berth("plan", "--detailed-exitcode", "--format", "json");
            CommandRun drift = stack.berth("drift", "--format", "json");

            assertEquals(2, plan.exitCode(), plan.out());
            JsonNode app = null;
            for (JsonNode change : stack.readJson(plan.out()).get("changes")) {
                app = "service.app".equals(change.get("address").asText()) ? change : app;
            }
            assertTrue(app != null, plan.out());
            assertEquals("UNHEALTHY_REPLACED", app.get("reasons").get(0).get("code").asText(), app.toString());
            assertEquals("TASK_UNHEALTHY", app.at("/detail/placement/stops/0/why/code").asText(), app.toString());
            assertEquals(2, drift.exitCode(), drift.out());
            assertEquals(List.of("TASK_UNHEALTHY"), stack.readJson(drift.out()).get("findings").findValuesAsText("kind"));

            stack.applied();
            assertFalse(stack.exists(sick.getId()), "the unhealthy task was replaced");
            assertEquals(0, stack.berth("drift").exitCode());
        }
    }

    /**
     * ECS's container restart policy: the engine restarts {@code again} in place after exit 3, and
     * berth leaves its task alone; {@code done} ignores exit code 0, so it stays stopped and its
     * task is replaced as any other.
     */
    @Test
    void aContainerTheEngineRestartsInPlaceIsNeitherDriftNorAChangeButOneLeftStoppedIs() throws Exception {
        try (EngineStack stack = new EngineStack(dir, "tv")) {
            stack.write("""
                    version: 1
                    stack: %STACK%
                    clusters:
                      main: {}
                    taskDefinitions:
                      again:
                        memory: 64
                        containerDefinitions:
                          - {name: main, image: "berth/busybox:1", command: [sh, -c, "sleep 1; exit 3"],
                             restartPolicy: {enabled: true}}
                      done:
                        memory: 64
                        containerDefinitions:
                          - {name: main, image: "berth/busybox:1", command: [sh, -c, "sleep 2; exit 0"],
                             restartPolicy: {enabled: true, ignoredExitCodes: [0]}}
                    services:
                      again: {cluster: main, taskDefinition: again}
                      done: {cluster: main, taskDefinition: done}
                    """).applied();
            Container again = stack.tasks().stream()
                    .filter(c -> "again".equals(c.getLabels().get(BerthLabels.SERVICE))).findFirst().orElseThrow();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (stack.docker.inspectContainerCmd(again.getId()).exec().getRestartCount() < 2) {
                assertTrue(System.nanoTime() < deadline, "the engine did not restart the container twice");
                Thread.sleep(200);
            }
            awaitState(stack, "main", "exited");

            CommandRun drift = stack.berth("drift", "--format", "json");
            CommandRun plan = stack.berth("plan", "--format", "json");

            assertEquals(2, drift.exitCode(), drift.out());
            JsonNode findings = stack.readJson(drift.out()).get("findings");
            assertEquals(List.of("TASK_MISSING", "TASK_STOPPED"), findings.findValuesAsText("kind"), drift.out());
            assertEquals(List.of("service.done", "service.done"), findings.findValuesAsText("address"), drift.out());
            List<String> changed = new java.util.ArrayList<>();
            stack.readJson(plan.out()).get("changes").forEach(c -> {
                if (!"noop".equals(c.get("action").asText())) {
                    changed.add(c.get("address").asText() + " " + c.at("/reasons/0/code").asText());
                }
            });
            assertEquals(List.of("service.done STOPPED_REPLACED"), changed, plan.out());
            assertTrue(stack.exists(again.getId()), "restarted in place, not replaced");
        }
    }

    private static void awaitState(EngineStack stack, String container, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stack.tasks().stream().noneMatch(c -> container.equals(c.getLabels().get(BerthLabels.CONTAINER))
                && state.equals(c.getState()))) {
            assertTrue(System.nanoTime() < deadline, "container " + container + " did not become " + state);
            Thread.sleep(200);
        }
    }

    private static void awaitHealth(EngineStack stack, String id, String health) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!health.equals(stack.docker.inspectContainerCmd(id).exec().getState().getHealth().getStatus())) {
            assertTrue(System.nanoTime() < deadline, id + " did not become " + health);
            Thread.sleep(200);
        }
    }
}
