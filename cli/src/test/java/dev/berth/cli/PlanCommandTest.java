package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.berth.applier.testing.RequiresDocker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** berth plan against the real engine, for a stack that does not run yet. */
@ExtendWith(RequiresDocker.class)
class PlanCommandTest {
    @TempDir
    Path dir;

    private Path stack(String clusterHosts) throws IOException {
        String name = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        return Files.writeString(dir.resolve("stack.yaml"), """
                version: 1
                stack: %s
                clusters:
                  main: %s
                taskDefinitions:
                  web:
                    memory: 64
                    containerDefinitions:
                      - name: app
                        image: berth/busybox:1
                        command: [sleep, "3600"]
                        secrets: [{name: TOKEN, valueFrom: "env:PLAN_TEST_TOKEN"}]
                services:
                  web: {cluster: main, taskDefinition: web, desiredCount: 2}
                """.formatted(name, clusterHosts));
    }

    @Test
    void aNewStackPlansToCreateEverythingAndDetailedExitCodeSaysChanges() throws IOException {
        Path stack = stack("{}");
        CommandRun run = CommandRun.of("plan", stack.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("+ service.web"), run.out());
        assertTrue(run.out().contains("(sensitive)"), "secrets are shown as sensitive");
        assertTrue(run.out().strip().endsWith("Plan: 3 to create, 0 to update, 0 to replace, 0 to delete."), run.out());
        assertEquals(ExitCodes.CHANGES, CommandRun.of("plan", "--detailed-exitcode", stack.toString()).exitCode());
    }

    @Test
    void withAHostAwayDetailedExitCodeIsAnErrorAndNoChangesSaysTheHostMayDiffer() throws IOException {
        String here = """
                {hosts: [{name: here, endpoint: "unix:///var/run/docker.sock"}]}""";
        Path stack = stack(here);
        String applies = Files.readString(stack);
        CommandRun applied = CommandRun.process(Map.of("PLAN_TEST_TOKEN", "t"), "apply", "--yes", stack.toString());
        assertEquals(ExitCodes.OK, applied.exitCode(), applied.out() + applied.err());
        try {
            assertEquals(ExitCodes.OK, CommandRun.of("plan", "--detailed-exitcode", stack.toString()).exitCode());
            Files.writeString(stack, applies.replace(here, """
                    {hosts: [{name: here, endpoint: "unix:///var/run/docker.sock"}, {name: gone, endpoint: "tcp://127.0.0.1:9"}]}"""));
            CommandRun run = CommandRun.of("plan", "--detailed-exitcode", stack.toString());
            assertEquals(ExitCodes.ERROR, run.exitCode(), run.out() + run.err());
            assertTrue(run.out().contains("! host gone of cluster main did not answer (connection refused)"), run.out());
            assertTrue(run.out().strip().endsWith("No changes on the hosts that answered; 1 host did not answer and "
                    + "may differ."), run.out());
            assertEquals(ExitCodes.OK, CommandRun.of("plan", stack.toString()).exitCode(),
                    "without --detailed-exitcode the plan of what could be read succeeds");
        } finally {
            Files.writeString(stack, applies);
            CommandRun destroyed = CommandRun.of("destroy", "--yes", "--volumes", stack.toString());
            assertEquals(ExitCodes.OK, destroyed.exitCode(), destroyed.out() + destroyed.err());
        }
    }

    @Test
    void jsonOutputFollowsItsPublishedSchema() throws IOException {
        CommandRun run = CommandRun.of("plan", "--format", "json", stack("{}").toString());
        JsonNode plan = new ObjectMapper().readTree(run.out());
        try (InputStream schema = getClass().getResourceAsStream("/dev/berth/schema/json/plan-v2.schema.json")) {
            assertEquals(0, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(plan).size());
        }
        assertEquals(3, plan.get("summary").get("create").asInt());
    }

    @Test
    void markdownCarriesTheCommentMarker() throws IOException {
        Path stack = stack("{}");
        String markdown = CommandRun.of("plan", "--format", "markdown", stack.toString()).out();
        assertTrue(markdown.contains("<!-- berth-plan:"), markdown);
        assertTrue(markdown.contains("<details>"), markdown);
    }

    @Test
    void outSavesThePlanWithFingerprints() throws IOException {
        Path saved = dir.resolve("plan.json");
        CommandRun run = CommandRun.of("plan", "--out", saved.toString(), stack("{}").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode file = new ObjectMapper().readTree(saved.toFile());
        assertEquals(2, file.get("formatVersion").asInt());
        assertTrue(file.get("observedFingerprint").isObject() || file.get("observedFingerprint").isTextual());
        assertTrue(run.out().contains("berth apply " + saved), run.out());
    }

    @Test
    void tasksThatFitNowhereMakeThePlanFailBeforeAnythingRuns() throws IOException {
        CommandRun run = CommandRun.of("plan", stack("{hosts: [{name: gone, endpoint: \"tcp://127.0.0.1:1\"}]}")
                .toString());
        assertEquals(ExitCodes.ERROR, run.exitCode());
        assertTrue(run.out().contains("gone") && run.out().contains("cannot be placed"), run.out());
    }

    @Test
    void anInvalidStackStopsBeforeAnyHostIsAsked() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "version: 1\nstack: x\nservices: {web: {}}\n");
        CommandRun run = CommandRun.of("plan", broken.toString());
        assertEquals(ExitCodes.ERROR, run.exitCode());
        assertTrue(run.err().startsWith(broken + ":3:12: error: missing required field"), run.err());
    }
}
