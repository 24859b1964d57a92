package dev.berth.planner.placement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

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
            List<ToLongFunction<HostSnapshot>> scores = scores(ask, snapshot);
            long[] bestScores = new long[scores.size()];
            HostSnapshot best = null;
            // In declaration order, so on a tie of every score the host declared first stays best.
            for (int at = admitted.nextSetBit(0); at >= 0; at = admitted.nextSetBit(at + 1)) {
                HostSnapshot host = cluster.get(at);
                // Ranked before it is judged: most hosts rank below the best so far, and a
                // comparison costs less than the filters.
                if ((best == null || ranksBefore(host, scores, bestScores)) && passes(taskFilters, host, ask)) {
                    best = host;
                    for (int i = 0; i < bestScores.length; i++) {
                        bestScores[i] = scores.get(i).applyAsLong(host);
                    }
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
        Comparator<HostSnapshot> ranking = (a, b) -> 0;
        for (ToLongFunction<HostSnapshot> score : scores(ask, snapshot)) {
            ranking = ranking.thenComparingLong(score);
        }
        Comparator<HostSnapshot> victimFirst = ranking.reversed()
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

    private List<ToLongFunction<HostSnapshot>> scores(TaskAsk ask, ClusterSnapshot cluster) {
        return rankers.stream().map(ranker -> ranker.score(ask, cluster)).toList();
    }

    /** Whether the host's scores come first, ranker by ranker, before the best host's so far. */
    private static boolean ranksBefore(HostSnapshot host, List<ToLongFunction<HostSnapshot>> scores,
                                       long[] bestScores) {
        for (int i = 0; i < bestScores.length; i++) {
            long score = scores.get(i).applyAsLong(host);
            if (score != bestScores[i]) {
                return score < bestScores[i];
            }
        }
        return false;
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
