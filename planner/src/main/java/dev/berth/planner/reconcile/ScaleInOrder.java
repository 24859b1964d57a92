package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.placement.ClusterLedger;
import dev.berth.planner.placement.TaskAsk;
import dev.berth.planner.placement.TaskPlacer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which running tasks of a service stop: outdated before current; among those, a task on the host
 * the service's placement would fill last ({@link TaskPlacer#scaleInHost}), recounted after each
 * pick so stopping keeps the strategies' balance (ECS's spread-aware scale-in); on that host, the
 * lowest task id. Stopped tasks are not ranked: they are always removed.
 */
public final class ScaleInOrder {
    private ScaleInOrder() {
    }

    /** The {@code count} tasks to stop, in stopping order; each leaves the ledger as it is picked. */
    public static List<ObservedTask> pick(int count, List<ObservedTask> running, Set<ObservedTask> outdated,
                                          TaskPlacer placer, TaskAsk ask, ClusterLedger ledger) {
        List<ObservedTask> remaining = new ArrayList<>(running);
        remaining.sort(Comparator.comparing(ObservedTask::taskId));
        List<ObservedTask> picked = new ArrayList<>(count);
        while (picked.size() < count) {
            List<ObservedTask> pool = remaining.stream().filter(outdated::contains).toList();
            List<ObservedTask> candidates = pool.isEmpty() ? remaining : pool;
            String host = placer.scaleInHost(ask,
                    candidates.stream().map(ObservedTask::host).collect(Collectors.toSet()), ledger);
            ObservedTask next = candidates.stream().filter(t -> t.host().equals(host)).findFirst().orElseThrow();
            remaining.remove(next);
            ledger.leave(host, ask.service());
            picked.add(next);
        }
        return picked;
    }
}
