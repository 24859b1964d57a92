package dev.berth.planner.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Places tasks one at a time, Nomad style: drop the hosts any filter rejects, order the rest by
 * the rankers in turn (declaration order breaks the last ties), take the first, and record it in
 * the ledger so the next task sees it.
 */
public final class TaskPlacer {
    private final List<FeasibilityFilter> filters;
    private final List<Ranker> rankers;

    public TaskPlacer(List<FeasibilityFilter> filters, List<Ranker> rankers) {
        this.filters = List.copyOf(filters);
        this.rankers = List.copyOf(rankers);
    }

    public PlacementResult place(TaskAsk ask, int count, ClusterLedger ledger) {
        List<String> placed = new ArrayList<>();
        while (placed.size() < count) {
            List<HostSnapshot> cluster = ledger.snapshot(ask.service());
            Optional<HostSnapshot> best = cluster.stream()
                    .filter(host -> rejection(host, ask).isEmpty())
                    .min(comparator(ask, cluster));
            if (best.isEmpty()) {
                return new PlacementResult(placed, count - placed.size(), rejections(cluster, ask));
            }
            ledger.occupy(best.get().host(), ask);
            placed.add(best.get().host());
        }
        return new PlacementResult(placed, 0, List.of());
    }

    private Optional<String> rejection(HostSnapshot host, TaskAsk ask) {
        for (FeasibilityFilter filter : filters) {
            Optional<String> reason = filter.reject(host, ask);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private Comparator<HostSnapshot> comparator(TaskAsk ask, List<HostSnapshot> cluster) {
        Comparator<HostSnapshot> order = (a, b) -> 0;
        for (Ranker ranker : rankers) {
            order = order.thenComparing(ranker.order(ask, cluster));
        }
        return order.thenComparingInt(HostSnapshot::order);
    }

    private List<String> rejections(List<HostSnapshot> cluster, TaskAsk ask) {
        if (cluster.isEmpty()) {
            return List.of("the cluster has no hosts");
        }
        return cluster.stream().map(host -> host.host() + ": " + rejection(host, ask).orElse("full")).toList();
    }
}
