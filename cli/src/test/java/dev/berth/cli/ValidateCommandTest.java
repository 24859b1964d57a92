package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    /** A stack with errors at known positions (a misspelt cluster, no essential container). */
    static final String BROKEN = """
            version: 1
            stack: shop
            clusters: {main: {}}
            taskDefinitions:
              web:
                containerDefinitions:
                  - {name: app, image: "berth/busybox:1", essential: false}
            services:
              web: {cluster: mian, taskDefinition: web}
            """;

    @TempDir
    Path dir;

    @Test
    void reportsEveryErrorAsFileLineColumnOnStderrAndExitsOne() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), BROKEN);
        CommandRun run = CommandRun.of("validate", stack.toString());
        assertEquals(ExitCodes.ERROR, run.exitCode());
        assertTrue(run.err().contains(stack + ":6:5: error: task definition \"web\" has no essential container"), run.err());
        assertTrue(run.err().contains(stack + ":9:18: error: service \"web\" references cluster \"mian\""), run.err());
        assertFalse(run.err().contains("Exception"), "never a stack trace");
        assertEquals("", run.out());
    }

    @Test
    void jsonFormatGivesTheDiagnosticsAsData() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), BROKEN);
        CommandRun run = CommandRun.of("validate", "--format", "json", stack.toString());
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertEquals(1, document.get("formatVersion").asInt());
        assertFalse(document.get("valid").asBoolean());
        assertEquals(2, document.get("diagnostics").size());
        JsonNode first = document.get("diagnostics").get(0);
        assertEquals(6, first.get("line").asInt());
        assertEquals(5, first.get("column").asInt());
        assertEquals("error", first.get("severity").asText());
    }

    @Test
    void aFileNameWithALineBreakAndEscCannotForgeADiagnosticOrAWorkflowCommand() throws IOException {
        Path stack = Files.writeString(dir.resolve("x\n::warning file=y::forged\u001B[2J.yaml"), BROKEN);
        for (String format : new String[] {"text", "github"}) {
            CommandRun run = CommandRun.of("validate", "--format", format, stack.toString());
            String output = run.out() + run.err();
            assertEquals(2, output.lines().count(), output);
            assertFalse(output.contains("\u001B"), output);
            assertTrue(output.contains("x\\n::warning file=y::forged\\u001B[2J.yaml")
                    || output.contains("x\\n%3A%3Awarning file=y%3A%3Aforged\\u001B[2J.yaml"), output);
        }
    }

    @Test
    void githubFormatGivesAnnotations() throws IOException {
        Path stack = Files.writeString(dir.resolve("stack.yaml"), BROKEN);
        CommandRun run = CommandRun.of("validate", "--format", "github", stack.toString());
        assertTrue(run.out().lines().allMatch(l -> l.startsWith("::error file=")), run.out());
        assertTrue(run.out().contains(",line=9,col=18::service \"web\" references cluster \"mian\""), run.out());
    }

    @Test
    void driftInGithubFormatTurnsStackErrorsIntoAnnotationsAndContactsNoHost() throws IOException {
        // ':' ',' and '%' delimit or escape workflow command properties, so the file name must be escaped.
        Path stack = Files.writeString(dir.resolve("x,y:%.yaml"), BROKEN);
        CommandRun run = CommandRun.of("drift", "--format", "github", stack.toString());
        assertEquals(ExitCodes.ERROR, run.exitCode());
        assertTrue(run.out().lines().allMatch(l -> l.startsWith("::error file=")), run.out());
        assertTrue(run.out().contains("x%2Cy%3A%25.yaml,line=9,col=18::service \"web\" references cluster \"mian\""),
                run.out());
        assertTrue(run.err().contains("is invalid; its errors are the annotations above"), run.err());
    }

    @Test
    void aValidStackSaysWhatItHolds() {
        CommandRun run = CommandRun.of("validate", "../examples/hello-web");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("stack hello is valid: 1 cluster, 1 task definition, 1 service"), run.out());
    }

    @Test
    void usageErrorsExitOneNotTwoBecauseTwoMeansChanges() {
        assertEquals(ExitCodes.ERROR, CommandRun.of("validate").exitCode());
        assertEquals(ExitCodes.ERROR, CommandRun.of("valdiate", "x").exitCode());
    }

    @Test
    void versionAndCompletionWork() {
        assertTrue(CommandRun.of("--version").out().startsWith("berth "));
        String completion = CommandRun.of("completion").out();
        assertTrue(completion.contains("complete") && completion.contains("validate"), "a bash completion script");
    }
}
