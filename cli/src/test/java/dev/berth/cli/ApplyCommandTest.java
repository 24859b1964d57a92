package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.lock.StackLock;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** berth apply, in-process, against the real engine: what it prints, what it exits with, what then runs. */
@ExtendWith(RequiresDocker.class)
class ApplyCommandTest {
    @TempDir
    Path dir;

    private EngineStack stack;

    @BeforeEach
    void setUp() {
        stack = new EngineStack(dir, "ca");
    }

    @AfterEach
    void tearDown() {
        stack.close();
    }

    @Test
    void createsFromNothingThenASecondApplyChangesNothing() {
        stack.web(2, "v1");

        CommandRun first = stack.berth("apply", "--yes", "--no-color");

        assertEquals(0, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("+ service.web"), first.out());
        assertTrue(first.out().contains("Apply complete for stack " + stack.name + ": 2 tasks started, 0 stopped."),
                first.out());
        List<Container> tasks = stack.tasks();
        assertEquals(2, tasks.size());
        for (Container task : tasks) {
            Map<String, String> labels = task.getLabels();
            assertEquals("running", task.getState());
            assertEquals(BerthLabels.KIND_TASK, labels.get(BerthLabels.KIND));
            assertEquals("web", labels.get(BerthLabels.SERVICE));
            assertEquals("web", labels.get(BerthLabels.FAMILY));
            assertEquals("1", labels.get(BerthLabels.REVISION));
            assertEquals("main", labels.get(BerthLabels.CLUSTER));
            assertTrue(labels.get(BerthLabels.SPEC_HASH).startsWith("sha256:"), labels.toString());
        }
        assertFalse(stack.exists(StackLock.containerName(stack.name)), "no lock is left behind");
        Set<String> ids = stack.runningIds();

        CommandRun second = stack.berth("apply", "--yes", "--no-color");

        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("No changes."), second.out());
        assertFalse(second.out().contains("complete"), second.out());
        assertEquals(ids, stack.runningIds());
        assertEquals(2, stack.containers().size(), "tasks only: the lock is released");
    }

    @Test
    void scalesUpThenDownInPlace() {
        stack.web(1, "v1").applied();
        Set<String> one = stack.runningIds();

        CommandRun up = stack.web(3, "v1").berth("apply", "--yes", "--no-color");
        assertEquals(0, up.exitCode(), up.err());
        Set<String> three = stack.runningIds();
        assertEquals(3, three.size());
        assertTrue(three.containsAll(one), "the existing task keeps running: " + one + " in " + three);
        assertTrue(up.out().contains("2 tasks started, 0 stopped."), up.out());

        CommandRun down = stack.web(1, "v1").berth("apply", "--yes", "--no-color");
        assertEquals(0, down.exitCode(), down.err());
        Set<String> left = stack.runningIds();
        assertEquals(1, left.size());
        assertTrue(three.containsAll(left), "a surviving task, not a new one");
        assertEquals(1, stack.tasks().size(), "the stopped tasks are removed");
        assertTrue(down.out().contains("0 tasks started, 2 stopped."), down.out());
        assertEquals(List.of("1"), stack.runningRevisions());
    }

    @Test
    void anEnvironmentChangeRegistersRevision2AndReplacesEveryTask() {
        stack.web(2, "v1").applied();
        Set<String> before = stack.runningIds();

        CommandRun run = stack.web(2, "v2").berth("apply", "--yes", "--no-color");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("2 tasks started, 2 stopped."), run.out());
        Set<String> after = stack.runningIds();
        assertEquals(2, after.size());
        assertTrue(after.stream().noneMatch(before::contains), before + " / " + after);
        before.forEach(id -> assertFalse(stack.exists(id), "old task removed: " + id));
        assertEquals(List.of("2", "2"), stack.runningRevisions());
        for (String id : after) {
            assertTrue(Arrays.asList(stack.docker.inspectContainerCmd(id).exec().getConfig().getEnv())
                    .contains("VERSION=v2"));
        }
        assertEquals(Map.of(1, 0, 2, 2), stack.history("web"));
        CommandRun text = stack.berth("history", "STACK", "web");
        assertTrue(Pattern.compile("(?m)^\\*\\s+web:2\\s").matcher(text.out()).find(), text.out());
    }

    @Test
    void aSavedPlanAppliesExactlyAndAStaleOneIsRefused() throws IOException {
        stack.web(1, "v1");
        Path saved = dir.resolve("create.plan.json");
        CommandRun plan = stack.berth("plan", "--out", saved.toString(), "STACK");
        assertEquals(0, plan.exitCode(), plan.err());
        // The stack file changes after saving: the saved plan still says what is applied.
        stack.web(3, "v1");

        CommandRun applied = CommandRun.of("apply", "--yes", "--no-color", saved.toString());

        assertEquals(0, applied.exitCode(), applied.out() + applied.err());
        assertEquals(1, stack.runningIds().size(), "exactly the saved plan: one task, not three");

        Path scale = dir.resolve("scale.plan.json");
        assertEquals(0, stack.berth("plan", "--out", scale.toString(), "STACK").exitCode());
        // The hosts change after saving: the task is stopped by hand.
        String task = stack.runningIds().iterator().next();
        stack.docker.stopContainerCmd(task).withTimeout(1).exec();

        CommandRun stale = CommandRun.of("apply", "--yes", "--no-color", scale.toString());

        assertEquals(1, stale.exitCode(), stale.out() + stale.err());
        assertTrue(stale.err().contains("changed since the plan was made: run berth plan again"), stale.err());
        assertEquals(Set.of(), stack.runningIds(), "nothing started");
        assertEquals(1, stack.tasks().size(), "nothing created");
        assertEquals(1, stack.containers().size(), "the lock is released");
    }

    @Test
    void anInvalidStackExitsWithItsPositionBeforeTouchingTheEngine() {
        stack.write("""
                version: 1
                stack: %STACK%
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1", command: [sleep, "60"]}
                services:
                  web: {cluster: main, taskDefinition: web, desiredCont: 2}
                """);

        CommandRun run = stack.berth("apply", "--yes", "--no-color");

        assertEquals(1, run.exitCode());
        assertTrue(Pattern.compile("(?m)^" + Pattern.quote(stack.file.toString()) + ":11:\\d+: error: ")
                .matcher(run.err()).find(), run.err());
        assertTrue(run.err().contains("desiredCont"), run.err());
        assertEquals("", run.out());
        assertEquals(List.of(), stack.containers(), "not even the lock was taken");
    }

    @Test
    void aPlanThatCannotBePlacedStartsNothing() {
        stack.write("""
                version: 1
                stack: %STACK%
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1", command: SLEEPER, stopTimeout: 1}
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 2
                    placementConstraints: [{type: distinctInstance}]
                """.replace("SLEEPER", EngineStack.SLEEPER));

        CommandRun run = stack.berth("apply", "--yes", "--no-color");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("cannot be placed"), run.out());
        assertTrue(run.err().contains("the plan cannot be applied"), run.err());
        assertEquals(List.of(), stack.containers());
    }

    @Test
    void withoutYesAndWithoutATerminalNothingChanges() {
        stack.web(1, "v1");

        CommandRun run = stack.berth("apply", "--no-color");

        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("+ service.web"), "the plan is shown first: " + run.out());
        assertTrue(run.err().contains("refusing to apply without confirmation: no terminal to ask on; pass --yes to apply anyway"),
                run.err());
        assertEquals(List.of(), stack.containers());
    }

    @Test
    void aFileSecretReachesTheContainerButNoOutputOrLabel() throws IOException {
        String value = "s3cr3t-" + UUID.randomUUID();
        Path secret = Files.writeString(dir.resolve("token"), value);
        stack.write("""
                version: 1
                stack: %STACK%
                clusters:
                  main: {}
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: SLEEPER
                        stopTimeout: 1
                        secrets: [{name: TOKEN, valueFrom: "file:SECRET"}]
                services:
                  web: {cluster: main, taskDefinition: web, desiredCount: 1}
                """.replace("SLEEPER", EngineStack.SLEEPER).replace("SECRET", secret.toString()));

        List<CommandRun> runs = List.of(
                stack.berth("plan", "--no-color", "STACK"),
                stack.berth("plan", "--format", "json", "STACK"),
                stack.berth("apply", "--yes", "--no-color"),
                stack.berth("status", "STACK"),
                stack.berth("status", "--format", "json", "STACK"),
                stack.berth("history", "STACK", "web", "--format", "json"),
                stack.berth("drift", "--format", "json", "STACK"),
                stack.berth("apply", "--yes", "--format", "json"));

        assertEquals(0, runs.get(2).exitCode(), runs.get(2).err());
        assertTrue(runs.get(0).out().contains("(sensitive)"), runs.get(0).out());
        for (CommandRun run : runs) {
            assertFalse(run.out().contains(value) || run.err().contains(value), run.out() + run.err());
        }
        String id = stack.runningIds().iterator().next();
        InspectContainerResponse container = stack.docker.inspectContainerCmd(id).exec();
        assertTrue(Arrays.asList(container.getConfig().getEnv()).contains("TOKEN=" + value),
                "the secret reaches the container");
        container.getConfig().getLabels().forEach((k, v) -> assertFalse(v.contains(value), k));
        assertEquals("TOKEN", container.getConfig().getLabels().get(BerthLabels.SECRET_NAMES));
    }

    @Test
    void aStackLockedByAnotherProcessIsRefusedAndNothingChanges() throws Exception {
        stack.web(1, "v1");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.berth.applier.lock.LockHoldingMain", "hold", stack.name,
                "15", DockerEndpoint.defaultEndpoint(System.getenv()).toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            StringBuilder said = new StringBuilder();
            while ((line = lines.readLine()) != null && !line.equals("held")) {
                said.append(line).append('\n');
            }
            assertEquals("held", line, "the other process took the lock: " + said);

            CommandRun run = stack.berth("apply", "--yes", "--no-color");

            assertEquals(1, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().contains("stack " + stack.name + " is locked by "), run.err());
            assertTrue(run.err().contains("(pid " + holder.pid() + ", berth apply)"), run.err());
            assertEquals(List.of(), stack.tasks());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void jsonProgressIsOneObjectPerLine() {
        stack.web(2, "v1");

        CommandRun run = stack.berth("apply", "--yes", "--format", "json");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.size() >= 3, run.out());
        for (String line : lines) {
            JsonNode event = stack.readJson(line);
            assertTrue(event.isObject() && event.has("type") && event.has("address") && event.has("message"), line);
        }
        JsonNode last = stack.readJson(lines.get(lines.size() - 1));
        assertEquals("completed", last.get("type").asText());
        assertTrue(last.get("message").asText().startsWith("Apply complete for stack " + stack.name), line(last));
        assertTrue(lines.stream().map(stack::readJson).anyMatch(e -> "service.web".equals(e.get("address").asText())),
                run.out());
        assertEquals(2, stack.runningIds().size());
    }

    private static String line(JsonNode node) {
        return node.toString();
    }

    @Test
    void destroyRemovesTheStackAndLeavesAForeignContainerOfTheSameImage() {
        stack.web(2, "v1").applied();
        Set<String> tasks = new HashSet<>(stack.runningIds());
        try (LabelledObjects foreign = new LabelledObjects(stack.docker)) {
            String stranger = foreign.runContainer(Map.of(), c -> c);

            CommandRun run = stack.berth("destroy", "--yes", "--volumes", "STACK");

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("removed 2 task containers"), run.out());
            assertTrue(run.out().contains("Stack " + stack.name + " destroyed."), run.out());
            assertEquals(List.of(), stack.containers());
            tasks.forEach(id -> assertFalse(stack.exists(id)));
            assertEquals(Boolean.TRUE, stack.docker.inspectContainerCmd(stranger).exec().getState().getRunning());
            assertEquals(Map.of(), stack.history("web"), "--volumes removed the revision records");
        }
    }
}
