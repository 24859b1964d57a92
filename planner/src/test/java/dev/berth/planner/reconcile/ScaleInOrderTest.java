package dev.berth.planner.reconcile;

import static dev.berth.planner.placement.Hosts.host;
import static dev.berth.planner.placement.Hosts.inZone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.placement.CapacityFilter;
import dev.berth.planner.placement.ClusterLedger;
import dev.berth.planner.placement.HostAttributes;
import dev.berth.planner.placement.SpreadRanker;
import dev.berth.planner.placement.TaskAsk;
import dev.berth.planner.placement.TaskPlacer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScaleInOrderTest {
    private static final TaskAsk WEB = new TaskAsk("web", 0, 0);

    private static ObservedTask task(String id, String host) {
        return new ObservedTask(id, "main", host, "web", "web", 1, "sha256:x", List.of());
    }

    private static TaskPlacer spreadingOver(String attribute) {
        return new TaskPlacer(List.of(new CapacityFilter()), List.of(new SpreadRanker(attribute)));
    }

    private static ClusterLedger holding(ClusterLedger ledger, List<ObservedTask> tasks) {
        tasks.forEach(t -> ledger.occupy(t.host(), WEB));
        return ledger;
    }

    @Test
    void outdatedFirstThenTheBusiestHostRecountedAfterEachPick() {
        ObservedTask a = task("a", "h1");
        ObservedTask b = task("b", "h1");
        ObservedTask c = task("c", "h1");
        ObservedTask d = task("d", "h2");
        ObservedTask e = task("e", "h2");
        ObservedTask f = task("f", "h3");
        List<ObservedTask> running = List.of(f, e, d, c, b, a);
        ClusterLedger ledger = holding(new ClusterLedger(List.of(host("h1", 0, 0), host("h2", 0, 0),
                host("h3", 0, 0))), running);

        List<ObservedTask> order = ScaleInOrder.pick(6, running, Set.of(f),
                spreadingOver(HostAttributes.INSTANCE_ID), WEB, ledger);

        assertEquals(List.of(f, a, d, b, e, c), order);
        assertEquals(0, ledger.serviceTasks("h1", "web"));
    }

    @Test
    void spreadByZoneStopsFromTheZoneWithTheMostTasks() {
        ObservedTask a1 = task("a1", "h1");
        ObservedTask a2 = task("a2", "h2");
        ObservedTask a3 = task("a3", "h2");
        ObservedTask b1 = task("b1", "h3");
        ObservedTask c1 = task("c1", "h4");
        ObservedTask c2 = task("c2", "h4");
        List<ObservedTask> running = List.of(a1, a2, a3, b1, c1, c2);
        ClusterLedger ledger = holding(new ClusterLedger(List.of(inZone("h1", "a"), inZone("h2", "a"),
                inZone("h3", "b"), inZone("h4", "c"))), running);

        List<ObservedTask> stops = ScaleInOrder.pick(3, running, Set.of(), spreadingOver("zone"), WEB, ledger);

        // zone a (3 tasks) first, from its busier host; then a and c tie at 2 and c's single host is busier
        assertEquals(List.of(a2, c1, a3), stops);
        assertEquals(List.of(1, 0, 1, 1), List.of("h1", "h2", "h3", "h4").stream()
                .map(h -> ledger.serviceTasks(h, "web")).toList());
    }
}
