package dev.berth.cli;

import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * logConfiguration.secretOptions on the local engine: each is a log driver option with the value
 * berth read when it applied, and the value is in no output of berth.
 */
@ExtendWith(RequiresDocker.class)
class SecretLogOptionsTest {
    private static final String TAG = "tag-secret-3f9c1a";
    private static final String LABELS = "labels-secret-77d2e0";

    @TempDir
    Path dir;

    @Test
    void theDriverGetsTheResolvedValuesAndNoOutputShowsThem() throws IOException {
        Path labels = Files.writeString(dir.resolve("labels"), LABELS + "\n");
        try (EngineStack stack = new EngineStack(dir, "slo")) {
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
                            logConfiguration:
                              logDriver: json-file
                              options: {max-size: 1m}
                              secretOptions:
                                - {name: tag, valueFrom: "env:SLO_TAG"}
                                - {name: labels, valueFrom: "file:LABELS"}
                    services:
                      web: {cluster: main, taskDefinition: web}
                    """.replace("SLEEPER", EngineStack.SLEEPER).replace("LABELS", labels.toString()));
            Map<String, String> env = Map.of("SLO_TAG", TAG);

            CommandRun text = stack.berth(env, "plan", "--no-color");
            CommandRun json = stack.berth(env, "plan", "--format", "json");
            CommandRun apply = stack.berth(env, "apply", "--yes", "--no-color");
            CommandRun drift = stack.berth(env, "drift", "--no-color");

            assertEquals(ExitCodes.OK, apply.exitCode(), apply.out() + apply.err());
            String app = stack.tasks().stream().filter(c -> "app".equals(c.getLabels().get(BerthLabels.CONTAINER)))
                    .findFirst().orElseThrow().getId();
            assertEquals(Map.of("max-size", "1m", "tag", TAG, "labels", LABELS),
                    stack.docker.inspectContainerCmd(app).exec().getHostConfig().getLogConfig().getConfig());
            // Where a value comes from is shown as secrets' is: only as sensitive.
            assertTrue(json.out().contains("\"containerDefinitions.app.logConfiguration.secretOptions.tag\""), json.out());
            assertTrue(text.out().contains("containerDefinitions.app.logConfiguration.secretOptions.tag: (sensitive)"),
                    text.out());
            for (CommandRun run : new CommandRun[] {text, json, apply, drift}) {
                String output = run.out() + run.err();
                assertFalse(output.contains(TAG) || output.contains(LABELS), output);
            }
        }
    }

    @Test
    void anUnsetSourceFailsTheTaskNamingTheOptionAndLeavesNoContainer() {
        try (EngineStack stack = new EngineStack(dir, "slo")) {
            CommandRun apply = stack.write("""
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
                            command: [sleep, "3600"]
                            logConfiguration:
                              logDriver: json-file
                              secretOptions: [{name: tag, valueFrom: "env:SLO_UNSET_TAG"}]
                    services:
                      web: {cluster: main, taskDefinition: web}
                    """).berth("apply", "--yes", "--no-color");

            assertEquals(ExitCodes.ERROR, apply.exitCode(), apply.out());
            assertTrue((apply.out() + apply.err()).contains(
                    "log option tag of container app: environment variable SLO_UNSET_TAG is not set"),
                    apply.out() + apply.err());
            assertEquals(0, stack.tasks().size());
        }
    }
}
