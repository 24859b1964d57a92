package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which running tasks of a service are stopped: outdated before current, then from
 * the host that runs the most tasks of the service (recounted after each pick, so stopping keeps
 * the spread balanced), ties by task id. Stopped tasks are not ranked: they are always removed.
 */
public final class ScaleInOrder {
    private ScaleInOrder() {
    }

    public static List<ObservedTask> order(List<ObservedTask> running, Set<ObservedTask> outdated) {
        Map<String, Integer> perHost = new HashMap<>();
        running.forEach(t -> perHost.merge(t.host(), 1, Integer::sum));
        List<ObservedTask> remaining = new ArrayList<>(running);
        List<ObservedTask> ordered = new ArrayList<>(running.size());
        while (!remaining.isEmpty()) {
            Comparator<ObservedTask> order = Comparator.<ObservedTask>comparingInt(t -> outdated.contains(t) ? 0 : 1)
                    .thenComparingInt(t -> -perHost.get(t.host()))
                    .thenComparing(ObservedTask::taskId);
            ObservedTask next = remaining.stream().min(order).orElseThrow();
            remaining.remove(next);
            perHost.merge(next.host(), -1, Integer::sum);
            ordered.add(next);
        }
        return ordered;
    }
}
