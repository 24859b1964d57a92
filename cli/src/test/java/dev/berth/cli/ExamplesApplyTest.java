package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.applier.testing.RequiresDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples that run on the local engine, applied for real: each converges, a plan right after
 * has nothing to do (init containers that finished, awsvpc tasks and namespaces included), drift
 * finds nothing; with one of its task containers stopped by hand, plan and drift both see it, and
 * apply repairs it; destroy removes them. berth runs as its own process, so the secret the
 * web-and-worker example reads from berth's environment can be given to it.
 */
@ExtendWith(RequiresDocker.class)
class ExamplesApplyTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @ParameterizedTest
    @ValueSource(strings = {"hello-web", "web-and-worker", "fargate-sized", "scaling-and-placement"})
    void anAppliedExampleHasNothingLeftToDo(String example) throws Exception {
        String stack = EXAMPLES.resolve(example).toString();
        try {
            assertEquals(0, berth("apply", "--yes", stack), example + ": apply");
            assertEquals(0, berth("plan", "--detailed-exitcode", stack), example + ": a plan right after apply");
            assertEquals(0, berth("drift", stack), example + ": drift right after apply");

            stopOneTask(stackName(example));
            assertEquals(2, berth("plan", "--detailed-exitcode", stack), example + ": a plan with a task stopped");
            assertEquals(2, berth("drift", stack), example + ": drift with a task stopped");
            assertEquals(0, berth("apply", "--yes", stack), example + ": apply repairs the stopped task");
            assertEquals(0, berth("plan", "--detailed-exitcode", stack), example + ": a plan after the repair");
            assertEquals(0, berth("drift", stack), example + ": drift after the repair");
        } finally {
            assertEquals(0, berth("destroy", "--yes", "--volumes", stack), example + ": destroy");
        }
    }

    private static String stackName(String example) throws IOException {
        return Files.readAllLines(EXAMPLES.resolve(example).resolve("stack.yaml")).stream()
                .filter(l -> l.startsWith("stack: ")).findFirst().orElseThrow().substring("stack: ".length()).strip();
    }

    /** {@code docker stop} of the essential container of one of the stack's tasks, as a crash would leave it. */
    private static void stopOneTask(String stack) throws IOException, InterruptedException {
        Process list = new ProcessBuilder("docker", "ps", "--filter", "label=berth.stack=" + stack,
                "--filter", "label=berth.kind=task", "--format", "{{.ID}} {{.Label \"berth.essential\"}}").start();
        String running = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, list.waitFor());
        String first = running.lines().filter(l -> !l.endsWith(" false")).map(l -> l.split(" ")[0]).findFirst()
                .orElseThrow(() -> new AssertionError(stack + " runs no task"));
        assertEquals(0, new ProcessBuilder("docker", "stop", "-t", "1", first).start().waitFor());
    }

    private static int berth(String... args) {
        CommandRun run = CommandRun.process(Map.of("WORKER_API_TOKEN", "example-token", "NO_COLOR", "1"), args);
        if (run.exitCode() != 0) {
            System.err.println("berth " + String.join(" ", args) + ":\n" + run.out() + run.err());
        }
        return run.exitCode();
    }
}
