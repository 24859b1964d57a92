package dev.berth.planner.placement;

import static dev.berth.planner.placement.Hosts.host;
import static dev.berth.planner.placement.Hosts.inZone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.schema.expression.ClusterQueryParser;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaskPlacerTest {
    private static final TaskAsk WEB = new TaskAsk("web", 512, 1024);
    private static final Ranker BY_INSTANCE = new SpreadRanker(HostAttributes.INSTANCE_ID);
    private static final Ranker BY_ZONE = new SpreadRanker("zone");
    private static final Ranker BINPACK_MEMORY = new BinpackRanker(BinpackRanker.Resource.memory);

    private static TaskPlacer placer(List<Ranker> rankers, FeasibilityFilter... constraints) {
        List<FeasibilityFilter> filters = new ArrayList<>(List.of(new ReachableHostFilter()));
        filters.addAll(List.of(constraints));
        filters.add(new CapacityFilter());
        return new TaskPlacer(filters, rankers);
    }

    private static Map<String, Long> perHost(List<String> hosts) {
        return hosts.stream().collect(Collectors.groupingBy(h -> h, TreeMap::new, Collectors.counting()));
    }

    @Test
    void spreadGoesToTheHostWithFewestTasksOfTheServiceThenDeclarationOrder() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 4096, 8192), host("h2", 4096, 8192),
                host("h3", 4096, 8192)));
        ledger.occupy("h1", WEB);
        ledger.occupy("h3", new TaskAsk("other", 0, 0));

        PlacementResult result = placer(List.of(BY_INSTANCE)).place(WEB, 4, ledger);

        assertEquals(List.of("h2", "h3", "h1", "h2"), result.hosts());
        assertEquals(0, result.unplaced());
    }

    @Test
    void spreadByZoneBalancesTheZonesNotTheHosts() {
        List<HostCapacity> hosts = List.of(inZone("h1", "a"), inZone("h2", "a"), inZone("h3", "b"),
                inZone("h4", "c"));

        PlacementResult six = placer(List.of(BY_ZONE)).place(WEB, 6, new ClusterLedger(hosts));
        PlacementResult four = placer(List.of(BY_ZONE)).place(WEB, 4, new ClusterLedger(hosts));

        assertEquals(Map.of("h1", 2L, "h3", 2L, "h4", 2L), perHost(six.hosts()));
        assertEquals(List.of("h1", "h3", "h4", "h1"), four.hosts());
    }

    @Test
    void hostsWithoutTheSpreadAttributeTakeTasksOnlyWhenNoOtherHostCan() {
        List<HostCapacity> hosts = List.of(host("bare", 4096, 8192), host("h1", 4096, 2048, Map.of("zone", "a")));

        PlacementResult result = placer(List.of(BY_ZONE)).place(WEB, 3, new ClusterLedger(hosts));

        assertEquals(List.of("h1", "h1", "bare"), result.hosts());
    }

    @Test
    void binpackFillsOneHostBeforeTheNext() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 4096, 4096), host("h2", 4096, 3072),
                host("h3", 4096, 4096)));

        PlacementResult result = placer(List.of(BINPACK_MEMORY)).place(WEB, 6, ledger);

        assertEquals(List.of("h2", "h2", "h2", "h1", "h1", "h1"), result.hosts());
    }

    @Test
    void binpackOnCpuLooksAtCpu() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 2048, 4096), host("h2", 1024, 8192)));

        PlacementResult result = placer(List.of(new BinpackRanker(BinpackRanker.Resource.cpu))).place(WEB, 3, ledger);

        assertEquals(List.of("h2", "h2", "h1"), result.hosts());
    }

    @Test
    void chainedSpreadByZoneThenBinpackPacksWithinEachZone() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("a1", 4096, 8192, Map.of("zone", "a")),
                host("a2", 4096, 4096, Map.of("zone", "a")), host("b1", 4096, 8192, Map.of("zone", "b")),
                host("b2", 4096, 3072, Map.of("zone", "b"))));

        PlacementResult result = placer(List.of(BY_ZONE, BINPACK_MEMORY)).place(WEB, 4, ledger);

        assertEquals(List.of("b2", "a2", "b2", "a2"), result.hosts());
    }

    @Test
    void randomIsReproducibleAndDiffersBetweenServices() {
        List<HostCapacity> hosts = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            hosts.add(host("h" + i, 65536, 65536));
        }
        TaskAsk api = new TaskAsk("api", 512, 1024);

        List<String> first = placer(List.of(new RandomRanker("shop/web"))).place(WEB, 12, new ClusterLedger(hosts)).hosts();
        List<String> again = placer(List.of(new RandomRanker("shop/web"))).place(WEB, 12, new ClusterLedger(hosts)).hosts();
        List<String> other = placer(List.of(new RandomRanker("shop/api"))).place(api, 12, new ClusterLedger(hosts)).hosts();

        assertEquals(first, again);
        assertNotEquals(first, other);
        assertNotEquals(1, perHost(first).size(), "random must not stick to one host: " + first);
    }

    @Test
    void capacityCountsRunningAndPlannedTasks() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 4096, 2048), host("h2", 4096, 1536)));
        ledger.occupy("h2", new TaskAsk("other", 0, 1024));

        PlacementResult result = placer(List.of(BY_INSTANCE)).place(WEB, 3, ledger);

        assertEquals(List.of("h1", "h1"), result.hosts());
        assertEquals(1, result.unplaced());
        assertEquals(List.of("h1: 0 MiB memory free, needs 1024", "h2: 512 MiB memory free, needs 1024"),
                result.hostRejections());
    }

    @Test
    void cpuIsCheckedAsWellAsMemory() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 256, 8192)));

        assertEquals(List.of("h1: 256 CPU units free, needs 512"),
                placer(List.of(BY_INSTANCE)).place(WEB, 1, ledger).hostRejections());
    }

    @Test
    void distinctInstanceAllowsOneTaskPerHostCountingTheOnesThatStay() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 4096, 8192), host("h2", 4096, 8192)));
        ledger.occupy("h1", WEB);
        ledger.occupy("h2", WEB);
        ledger.leave("h2", "web");

        PlacementResult result = placer(List.of(BY_INSTANCE), new DistinctInstanceFilter()).place(WEB, 2, ledger);

        assertEquals(List.of("h2"), result.hosts());
        assertEquals(List.of("h1: already runs a task of web (distinctInstance)",
                "h2: already runs a task of web (distinctInstance)"), result.hostRejections());
    }

    @Test
    void eachHostIsExplainedByTheFirstFilterThatRejectsIt() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 4096, 512, Map.of("zone", "a")),
                host("h2", 4096, 512, Map.of("zone", "b")), Hosts.unreachable("h3"),
                host("h4", 4096, 8192, Map.of("zone", "a"))));
        ledger.occupy("h4", WEB);
        FeasibilityFilter zoneA = new MemberOfFilter(ClusterQueryParser.parse("attribute:zone == a"),
                "attribute:zone == a");

        PlacementResult result = placer(List.of(BY_INSTANCE), zoneA, new DistinctInstanceFilter())
                .place(WEB, 2, ledger);

        assertEquals(2, result.unplaced());
        assertEquals(List.of("h1: 512 MiB memory free, needs 1024", "h2: fails memberOf(attribute:zone == a)",
                "h3: unreachable", "h4: already runs a task of web (distinctInstance)"), result.hostRejections());
    }

    @Test
    void scaleInStopsFromTheHostPlacementWouldFillLast() {
        ClusterLedger ledger = new ClusterLedger(List.of(inZone("h1", "a"), inZone("h2", "a"), inZone("h3", "b")));
        List.of("h1", "h2", "h3").forEach(h -> ledger.occupy(h, WEB));
        TaskPlacer byZone = placer(List.of(BY_ZONE));

        assertEquals("h2", byZone.scaleInHost(WEB, Set.of("h1", "h2", "h3"), ledger));
        ledger.leave("h2", "web");
        assertEquals("h3", byZone.scaleInHost(WEB, Set.of("h1", "h3"), ledger));
    }

    @Test
    void binpackScaleInEmptiesTheLeastUsedHost() {
        ClusterLedger ledger = new ClusterLedger(List.of(host("h1", 4096, 4096), host("h2", 4096, 8192)));
        ledger.occupy("h1", WEB);
        ledger.occupy("h1", WEB);
        ledger.occupy("h2", WEB);

        assertEquals("h2", placer(List.of(BINPACK_MEMORY)).scaleInHost(WEB, Set.of("h1", "h2"), ledger));
    }

    @Test
    void hostCapacityIsTheEngineLessTheStacksReservationWithBuiltInAttributes() {
        ObservedHost observed = new ObservedHost("main", "h1", "tcp://h1", true, null,
                new ObservedHost.HostInfo(2, 4L * 1024 * 1024 * 1024, "linux", "x86_64", "27.0"));
        Host declared = new Host("h1", "tcp://h1", Map.of("zone", "a", "berth.os", "plan9"), new Resources(512, 1024), null, null);

        HostCapacity capacity = HostCapacity.of(observed, declared);

        assertEquals(1536, capacity.cpu());
        assertEquals(3072, capacity.memory());
        assertEquals(Map.of("zone", "a", "berth.os", "linux", "berth.arch", "x86_64", "berth.host", "h1",
                "berth.engine-version", "27.0", "instanceId", "h1"), capacity.attributes());
    }
}
