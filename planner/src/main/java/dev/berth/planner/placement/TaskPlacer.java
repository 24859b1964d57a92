package dev.berth.planner.placement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Places tasks one at a time, Nomad style: drop the hosts any filter rejects, order the rest by
 * the rankers in turn (declaration order breaks the last ties), take the first, and record it in
 * the ledger so the next task sees it. Scale-in runs the same ranking backwards.
 */
public final class TaskPlacer {
    private final List<FeasibilityFilter> filters;
    private final List<FeasibilityFilter> hostFilters;
    private final List<FeasibilityFilter> taskFilters;
    private final List<Ranker> rankers;

    /** @param filters in the order a rejection is reported: the first that rejects a host explains it */
    public TaskPlacer(List<FeasibilityFilter> filters, List<Ranker> rankers) {
        this.filters = List.copyOf(filters);
        this.hostFilters = filters.stream().filter(FeasibilityFilter::judgesHostOnly).toList();
        this.taskFilters = filters.stream().filter(f -> !f.judgesHostOnly()).toList();
        this.rankers = List.copyOf(rankers);
    }

    public PlacementResult place(TaskAsk ask, int count, ClusterLedger ledger) {
        if (count == 0) {
            // Most services of a converged stack start nothing: no need to judge every host for them.
            return new PlacementResult(List.of(), 0, List.of());
        }
        BitSet admitted = ledger.admitted(hostFilters, ask);
        List<String> placed = new ArrayList<>();
        while (placed.size() < count) {
            ClusterSnapshot snapshot = ledger.snapshot(ask.service());
            List<HostSnapshot> cluster = snapshot.hosts();
            Comparator<HostSnapshot> order = ranking(ask, snapshot).thenComparingInt(HostSnapshot::order);
            HostSnapshot best = null;
            for (int at = admitted.nextSetBit(0); at >= 0; at = admitted.nextSetBit(at + 1)) {
                HostSnapshot host = cluster.get(at);
                // Ranked before it is judged: most hosts rank below the best so far, and a
                // comparison costs less than the filters.
                if ((best == null || order.compare(host, best) < 0) && passes(taskFilters, host, ask)) {
                    best = host;
                }
            }
            if (best == null) {
                return new PlacementResult(placed, count - placed.size(), rejections(cluster, ask));
            }
            ledger.occupy(best.host(), ask);
            placed.add(best.host());
        }
        return new PlacementResult(placed, 0, List.of());
    }

    /**
     * Of the hosts holding tasks that may stop, the one to stop a task from: where a new task of
     * the service would go last, so scale-in keeps the balance the strategies keep when placing
     * (spread: the most loaded value; binpack: the host with the most left). Ties: the host with
     * the most tasks of the service, then the one declared last. A host outside the cluster comes
     * first, as its tasks belong nowhere.
     */
    public String scaleInHost(TaskAsk ask, Set<String> candidates, ClusterLedger ledger) {
        Optional<String> outside = candidates.stream().filter(h -> !ledger.has(h)).sorted().findFirst();
        if (outside.isPresent()) {
            return outside.get();
        }
        ClusterSnapshot snapshot = ledger.snapshot(ask.service());
        List<HostSnapshot> cluster = snapshot.hosts();
        Comparator<HostSnapshot> victimFirst = ranking(ask, snapshot).reversed()
                .thenComparing(Comparator.comparingInt(HostSnapshot::serviceTasks).reversed())
                .thenComparing(Comparator.comparingInt(HostSnapshot::order).reversed());
        return candidates.stream().map(h -> cluster.get(ledger.order(h))).min(victimFirst).orElseThrow().host();
    }

    private static boolean passes(List<FeasibilityFilter> filters, HostSnapshot host, TaskAsk ask) {
        for (FeasibilityFilter filter : filters) {
            if (filter.reject(host, ask).isPresent()) {
                return false;
            }
        }
        return true;
    }

    private Comparator<HostSnapshot> ranking(TaskAsk ask, ClusterSnapshot cluster) {
        Comparator<HostSnapshot> order = null;
        for (Ranker ranker : rankers) {
            Comparator<HostSnapshot> next = ranker.order(ask, cluster);
            order = order == null ? next : order.thenComparing(next);
        }
        return order == null ? (a, b) -> 0 : order;
    }

    /** One reason per host, in declaration order: the first filter that rejects it. */
    private List<String> rejections(List<HostSnapshot> cluster, TaskAsk ask) {
        if (cluster.isEmpty()) {
            return List.of("the cluster has no hosts");
        }
        return cluster.stream().map(host -> host.host() + ": " + firstRejection(host, ask)).toList();
    }

    private String firstRejection(HostSnapshot host, TaskAsk ask) {
        return filters.stream().map(filter -> filter.reject(host, ask)).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new IllegalStateException("no filter rejects " + host.host()));
    }
}
