package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A service's observed tasks, sorted by what the plan does with them.
 *
 * @param current  running the desired revision (same spec hash)
 * @param outdated running another revision (or one without a spec hash label): replaced
 * @param stopped  some container is not running (an exited essential container stops the task): removed
 * @param unknown  on a host that did not answer: neither counted as running nor touched
 */
public record ServiceTasks(List<ObservedTask> current, List<ObservedTask> outdated, List<ObservedTask> stopped,
                           List<ObservedTask> unknown) {
    private static final Comparator<ObservedTask> BY_ID = Comparator.comparing(ObservedTask::taskId);

    public ServiceTasks {
        current = List.copyOf(current);
        outdated = List.copyOf(outdated);
        stopped = List.copyOf(stopped);
        unknown = List.copyOf(unknown);
    }

    public static ServiceTasks classify(List<ObservedTask> tasks, String desiredSpecHash, Set<String> reachableHosts) {
        List<ObservedTask> current = new ArrayList<>();
        List<ObservedTask> outdated = new ArrayList<>();
        List<ObservedTask> stopped = new ArrayList<>();
        List<ObservedTask> unknown = new ArrayList<>();
        for (ObservedTask task : tasks.stream().sorted(BY_ID).toList()) {
            if (!reachableHosts.contains(task.host())) {
                unknown.add(task);
            } else if (!task.running()) {
                stopped.add(task);
            } else if (desiredSpecHash.equals(task.specHash())) {
                current.add(task);
            } else {
                outdated.add(task);
            }
        }
        return new ServiceTasks(current, outdated, stopped, unknown);
    }

    public boolean none() {
        return current.isEmpty() && outdated.isEmpty() && stopped.isEmpty() && unknown.isEmpty();
    }

    public int running() {
        return current.size() + outdated.size();
    }
}
