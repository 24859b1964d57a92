package dev.berth.planner.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ObservedTask;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScaleInOrderTest {
    private static ObservedTask task(String id, String host) {
        return new ObservedTask(id, "main", host, "web", "web", 1, "sha256:x", List.of());
    }

    @Test
    void outdatedFirstThenTheBusiestHostRecountedAfterEachPickThenTaskId() {
        ObservedTask a = task("a", "h1");
        ObservedTask b = task("b", "h1");
        ObservedTask c = task("c", "h1");
        ObservedTask d = task("d", "h2");
        ObservedTask e = task("e", "h2");
        ObservedTask f = task("f", "h3");

        List<ObservedTask> order = ScaleInOrder.order(List.of(f, e, d, c, b, a), Set.of(f));

        assertEquals(List.of(f, a, b, d, c, e), order);
    }
}
