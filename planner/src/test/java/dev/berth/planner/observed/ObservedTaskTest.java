package dev.berth.planner.observed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservedTaskTest {
    private static ObservedContainer container(String name, String state, Integer exitCode, String essential) {
        Map<String, String> labels = essential == null ? Map.of() : Map.of(BerthLabels.ESSENTIAL, essential);
        return new ObservedContainer("id-" + name, "t-" + name, name, state, null, exitCode, labels, List.of(), null);
    }

    private static ObservedTask task(ObservedContainer... containers) {
        return new ObservedTask("web-1-aaaaaa", "main", "h1", "web", "web", 1, "sha256:x", List.of(containers));
    }

    @Test
    void aFinishedInitContainerDoesNotStopItsTask() {
        assertTrue(task(container("seed", "exited", 0, "false"), container("app", "running", null, "true")).running());
        assertTrue(task(container("seed", "exited", 1, "false"), container("app", "running", null, "true")).running(),
                "ECS: a non-essential container's exit, whatever its code, leaves the task running");
    }

    @Test
    void anEssentialContainerThatStoppedStopsItsTask() {
        assertFalse(task(container("seed", "exited", 0, "false"), container("app", "exited", 137, "true")).running());
        assertFalse(task(container("app", "exited", 0, null)).running(), "without the label a container is essential");
        assertFalse(task(container("seed", "running", null, "false")).running(), "no essential container at all");
        assertFalse(task().running());
    }
}
