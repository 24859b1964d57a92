package dev.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * berth drift on one applied stack of three tasks, drifted step by step by hand (the tests run in
 * order, each adding one kind of drift), then repaired by berth apply.
 */
@ExtendWith(RequiresDocker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftCommandTest {
    private static final long MEBIBYTE = 1024L * 1024;

    private EngineStack stack;
    private LabelledObjects foreign;
    private List<Container> tasks;

    @BeforeAll
    void applyThreeTasks(@TempDir Path dir) {
        stack = new EngineStack(dir, "dr");
        stack.web(3, "v1").applied();
        tasks = stack.tasks().stream().sorted((a, b) -> a.getId().compareTo(b.getId())).toList();
        foreign = new LabelledObjects(stack.docker);
    }

    @AfterAll
    void tearDown() {
        try {
            foreign.close();
        } finally {
            stack.close();
        }
    }

    private String taskId(int index) {
        return tasks.get(index).getLabels().get(BerthLabels.TASK);
    }

    private List<JsonNode> findings(String kind) {
        CommandRun run = stack.berth("drift", "--format", "json", "STACK");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        JsonNode document = stack.readJson(run.out());
        assertFalse(document.get("inSync").asBoolean());
        List<JsonNode> found = new ArrayList<>();
        document.get("findings").forEach(f -> {
            if (kind.equals(f.get("kind").asText())) {
                found.add(f);
            }
        });
        return found;
    }

    @Test
    @Order(1)
    void inSyncDespiteForeignContainersOfTheSameImage() {
        foreign.runContainer(Map.of(), c -> c);
        Map<String, String> otherStack = new HashMap<>(tasks.get(0).getLabels());
        otherStack.put(BerthLabels.STACK, foreign.stack());
        foreign.runContainer(otherStack, c -> c);

        CommandRun text = stack.berth("drift", "--no-color", "STACK");
        CommandRun json = stack.berth("drift", "--format", "json", "STACK");

        assertEquals(0, text.exitCode(), text.out() + text.err());
        assertEquals(0, json.exitCode(), json.out() + json.err());
        assertTrue(stack.readJson(json.out()).get("inSync").asBoolean(), json.out());
        assertEquals(0, stack.readJson(json.out()).get("findings").size(), json.out());
    }

    @Test
    @Order(2)
    void aFaithfulCopyOfATaskMadeByHandIsExtra() {
        Map<String, String> labels = new HashMap<>(tasks.get(2).getLabels());
        labels.put(BerthLabels.TASK, "handmade1");
        foreign.runContainer(labels, c -> c.withCmd("sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait")
                .withEnv("VERSION=v1")
                .withHostConfig(HostConfig.newHostConfig().withMemory(64 * MEBIBYTE)));

        List<JsonNode> extra = findings("EXTRA_TASK");
        JsonNode all = stack.readJson(stack.berth("drift", "--format", "json", "STACK").out()).get("findings");

        assertEquals(1, extra.size(), all.toString());
        assertEquals(1, all.size(), "nothing else differs: " + all);
        assertEquals("runs 4 tasks, stack wants 3", extra.get(0).get("detail").asText());
    }

    @Test
    @Order(3)
    void aStoppedTaskContainerIsTaskStopped() {
        stack.docker.stopContainerCmd(tasks.get(0).getId()).withTimeout(1).exec();

        CommandRun text = stack.berth("drift", "--no-color", "STACK");
        List<JsonNode> stopped = findings("TASK_STOPPED");

        assertEquals(2, text.exitCode(), text.out() + text.err());
        assertTrue(text.out().contains("TASK_STOPPED") && text.out().contains(taskId(0)), text.out());
        assertEquals(1, stopped.size(), stopped.toString());
        assertEquals(taskId(0), stopped.get(0).get("taskId").asText());
        assertEquals("service.web", stopped.get(0).get("address").asText());
    }

    @Test
    @Order(4)
    void aHandEditedMemoryLimitIsConfigEdited() {
        stack.docker.updateContainerCmd(tasks.get(1).getId()).withMemory(48 * MEBIBYTE)
                .withMemorySwap(96 * MEBIBYTE).exec();

        List<JsonNode> edited = findings("CONFIG_EDITED");

        assertEquals(1, edited.size(), edited.toString());
        assertEquals(taskId(1), edited.get(0).get("taskId").asText());
        assertEquals("container app: memory: expected 64 MiB, found 48 MiB", edited.get(0).get("detail").asText());
    }

    @Test
    @Order(5)
    void githubAndMarkdownFormats() {
        CommandRun github = stack.berth("drift", "--format", "github", "STACK");
        CommandRun markdown = stack.berth("drift", "--format", "markdown", "STACK");

        assertEquals(2, github.exitCode(), github.err());
        assertEquals(2, markdown.exitCode(), markdown.err());
        List<String> errors = github.out().lines().filter(l -> l.startsWith("::error")).toList();
        assertEquals(2, errors.size(), "one per finding (stopped, edited): " + github.out());
        assertTrue(errors.stream().allMatch(l -> l.startsWith("::error file=" + stack.file + ",line=")), github.out());
        assertTrue(errors.stream().anyMatch(l -> l.contains(taskId(0))), github.out());
        List<String> rows = markdown.out().lines().filter(l -> l.startsWith("|")).toList();
        assertTrue(rows.size() == 4, "header, separator and a row per finding: " + markdown.out());
        assertTrue(rows.get(1).matches("\\|[-:| ]+\\|"), rows.get(1));
        assertTrue(markdown.out().contains("TASK_STOPPED") || markdown.out().toLowerCase().contains("stopped"),
                markdown.out());
    }

    @Test
    @Order(6)
    void applyRemovesTheStoppedTaskAndDriftIsBackInSync() {
        // apply does not undo hand edits (see applyReplacesAHandEditedTask): undo this one by hand.
        stack.docker.updateContainerCmd(tasks.get(1).getId()).withMemory(64 * MEBIBYTE)
                .withMemorySwap(128 * MEBIBYTE).exec();
        CommandRun apply = stack.berth("apply", "--yes", "--no-color");
        CommandRun drift = stack.berth("drift", "--no-color", "STACK");

        assertEquals(0, apply.exitCode(), apply.out() + apply.err());
        assertEquals(0, drift.exitCode(), apply.out() + "\n" + drift.out() + drift.err());
        assertTrue(apply.out().contains("0 tasks started, 1 stopped."), "the hand-made task counts: " + apply.out());
        assertEquals(3, stack.runningIds().size());
        assertEquals(3, stack.tasks().size());
        assertFalse(stack.exists(tasks.get(0).getId()), "the stopped task is removed");
    }

    @Test
    @Order(7)
    void applyReplacesAHandEditedTask() {
        stack.docker.updateContainerCmd(tasks.get(1).getId()).withMemory(48 * MEBIBYTE)
                .withMemorySwap(96 * MEBIBYTE).exec();
        assertEquals(1, findings("CONFIG_EDITED").size());

        CommandRun apply = stack.berth("apply", "--yes", "--no-color");

        assertEquals(0, apply.exitCode(), apply.out() + apply.err());
        assertEquals(0, stack.berth("drift", "STACK").exitCode(), apply.out());
        assertFalse(stack.exists(tasks.get(1).getId()), "the edited task was replaced");
    }
}
