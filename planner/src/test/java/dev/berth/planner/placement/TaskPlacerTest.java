package dev.berth.planner.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPlacerTest {
    private static final TaskAsk WEB = new TaskAsk("web", 512, 1024);

    private static HostCapacity capacity(String host, long cpu, long memory) {
        return new HostCapacity(host, true, Map.of(), cpu, memory);
    }

    private static TaskPlacer spreading(FeasibilityFilter... extra) {
        List<FeasibilityFilter> filters = new ArrayList<>(List.of(new ReachableHostFilter(), new CapacityFilter()));
        filters.addAll(List.of(extra));
        return new TaskPlacer(filters, List.of(new SpreadByInstanceRanker()));
    }

    @Test
    void spreadGoesToTheHostWithFewestTasksOfTheServiceThenDeclarationOrder() {
        ClusterLedger ledger = new ClusterLedger(List.of(capacity("h1", 4096, 8192), capacity("h2", 4096, 8192),
                capacity("h3", 4096, 8192)));
        ledger.occupy("h1", WEB);
        ledger.occupy("h3", new TaskAsk("other", 0, 0));

        PlacementResult result = spreading().place(WEB, 4, ledger);

        assertEquals(List.of("h2", "h3", "h1", "h2"), result.hosts());
        assertEquals(0, result.unplaced());
    }

    @Test
    void capacityCountsRunningAndPlannedTasks() {
        ClusterLedger ledger = new ClusterLedger(List.of(capacity("h1", 4096, 2048), capacity("h2", 4096, 1536)));
        ledger.occupy("h2", new TaskAsk("other", 0, 1024));

        PlacementResult result = spreading().place(WEB, 3, ledger);

        assertEquals(List.of("h1", "h1"), result.hosts());
        assertEquals(1, result.unplaced());
        assertEquals(List.of("h1: 0 MiB free, needs 1024", "h2: 512 MiB free, needs 1024"), result.hostRejections());
    }

    @Test
    void cpuIsCheckedAsWellAsMemory() {
        ClusterLedger ledger = new ClusterLedger(List.of(capacity("h1", 256, 8192)));

        assertEquals(List.of("h1: 256 CPU units free, needs 512"), spreading().place(WEB, 1, ledger).hostRejections());
    }

    @Test
    void distinctInstanceAllowsOneTaskPerHostCountingTheOnesThatStay() {
        ClusterLedger ledger = new ClusterLedger(List.of(capacity("h1", 4096, 8192), capacity("h2", 4096, 8192)));
        ledger.occupy("h1", WEB);
        ledger.occupy("h2", WEB);
        ledger.leave("h2", "web");

        PlacementResult result = spreading(new DistinctInstanceFilter()).place(WEB, 2, ledger);

        assertEquals(List.of("h2"), result.hosts());
        assertEquals(List.of("h1: already runs a task of web (distinctInstance)",
                "h2: already runs a task of web (distinctInstance)"), result.hostRejections());
    }

    @Test
    void hostCapacityIsTheEngineLessTheStacksReservation() {
        ObservedHost observed = new ObservedHost("main", "h1", "tcp://h1", true, null,
                new ObservedHost.HostInfo(2, 4L * 1024 * 1024 * 1024, "linux", "x86_64", "27"));
        Host declared = new Host("h1", "tcp://h1", Map.of(), new Resources(512, 1024));

        assertEquals(capacity("h1", 1536, 3072), HostCapacity.of(observed, declared));
    }
}
