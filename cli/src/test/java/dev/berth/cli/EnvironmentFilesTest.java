package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * environmentFiles of type file on the local engine: the container gets the files' variables
 * (environment first, then the earlier file), a changed file replaces the task with its own
 * reason, an unchanged one is no change, and no value is in any output of berth.
 */
@ExtendWith(RequiresDocker.class)
class EnvironmentFilesTest {
    private static final String STACK = """
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
                    environment: {OVERRIDE: from-stack}
                    environmentFiles:
                      - {value: FIRST, type: file}
                      - {value: env/extra.env, type: file}
            services:
              web: {cluster: main, taskDefinition: web}
            """.replace("SLEEPER", EngineStack.SLEEPER);

    @TempDir
    Path dir;

    private void files(String greeting) throws IOException {
        Files.writeString(dir.resolve("app.env"), "# the app's settings\n\nGREETING=" + greeting
                + "\nSHARED=app-8d1f\nOVERRIDE=file-2b7c\n");
        Files.createDirectories(dir.resolve("env"));
        Files.writeString(dir.resolve("env/extra.env"), "SHARED=extra-4e0a\nEXTRA=extra-c3d9\n");
    }

    @Test
    void theContainerGetsTheVariablesAChangedFileRollsTheTaskAndNoOutputShowsAValue() throws IOException {
        files("hello-5f2c");
        try (EngineStack stack = new EngineStack(dir, "evf")) {
            List<CommandRun> runs = new java.util.ArrayList<>();
            runs.add(stack.write(STACK.replace("FIRST", "app.env")).applied());
            String before = app(stack);
            List<String> env = List.of(stack.docker.inspectContainerCmd(before).exec().getConfig().getEnv());
            assertTrue(env.containsAll(List.of("GREETING=hello-5f2c", "SHARED=app-8d1f", "OVERRIDE=from-stack",
                    "EXTRA=extra-c3d9")), env.toString());
            CommandRun unchanged = stack.berth("plan", "--detailed-exitcode", "--no-color");
            runs.add(unchanged);
            assertEquals(ExitCodes.OK, unchanged.exitCode(), "an unchanged file is no change: " + unchanged.out());

            files("bonjour-77aa");
            CommandRun text = stack.berth("plan", "--no-color");
            CommandRun json = stack.berth("plan", "--format", "json");
            CommandRun drift = stack.berth("drift", "--no-color");
            runs.addAll(List.of(text, json, drift, stack.berth("status", "--no-color")));

            assertTrue(text.out().contains("environment files changed (app: GREETING): rolling replacement of 1 task"),
                    text.out());
            JsonNode web = null;
            for (JsonNode change : stack.readJson(json.out()).get("changes")) {
                web = "service.web".equals(change.get("address").asText()) ? change : web;
            }
            assertNotNull(web, json.out());
            assertEquals("ENVIRONMENT_FILES_CHANGED", web.at("/reasons/0/code").asText(), web.toString());
            assertNotEquals(ExitCodes.OK, drift.exitCode(), drift.out());
            assertTrue(drift.out().contains("container app: GREETING: the environment files give other values now"),
                    drift.out());
            runs.add(stack.applied());
            String after = app(stack);
            assertNotEquals(before, after, "the task was replaced");
            assertTrue(List.of(stack.docker.inspectContainerCmd(after).exec().getConfig().getEnv())
                    .contains("GREETING=bonjour-77aa"));
            CommandRun settled = stack.berth("plan", "--detailed-exitcode", "--no-color");
            runs.add(settled);
            assertEquals(ExitCodes.OK, settled.exitCode(), settled.out());
            for (CommandRun run : runs) {
                String output = run.out() + run.err();
                for (String value : List.of("hello-5f2c", "bonjour-77aa", "app-8d1f", "file-2b7c", "extra-4e0a",
                        "extra-c3d9")) {
                    assertFalse(output.contains(value), value + " in\n" + output);
                }
            }
        }
    }

    @Test
    void aMissingFileIsAnErrorAtItsEntryAndNothingIsStarted() throws IOException {
        files("hello-5f2c");
        try (EngineStack stack = new EngineStack(dir, "evf")) {
            CommandRun apply = stack.write(STACK.replace("FIRST", "missing.env")).berth("apply", "--yes", "--no-color");

            assertEquals(ExitCodes.ERROR, apply.exitCode(), apply.out());
            assertTrue(apply.err().contains(stack.file.getFileName() + ":15:21: error: environment file missing.env of "
                    + "container app does not exist (" + dir.resolve("missing.env") + ")"), apply.err());
            assertEquals(List.of(), stack.containers());
        }
    }

    @Test
    void theAgentIsNotInstalledForAStackThatReadsEnvironmentFiles() throws IOException {
        files("hello-5f2c");
        try (EngineStack stack = new EngineStack(dir, "evf")) {
            stack.write(STACK.replace("FIRST", "app.env")).applied();

            CommandRun install = stack.berth("agent", "--install", "STACK");

            assertEquals(ExitCodes.ERROR, install.exitCode(), install.out());
            assertEquals("berth: error: cannot install the agent of stack " + stack.name + ": it reads environmentFiles, "
                    + "which the agent does not read (berth apply does); nothing was changed\n", install.err());
        }
    }

    private static String app(EngineStack stack) {
        return stack.tasks().stream().filter(c -> "app".equals(c.getLabels().get(BerthLabels.CONTAINER))
                && "running".equals(c.getState())).findFirst().orElseThrow().getId();
    }
}
