package dev.berth.planner.reconcile;

import dev.berth.planner.expected.TaskEdits;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.revision.DesiredRevision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's observed tasks, sorted by what the plan does with them.
 *
 * @param current  running the desired revision (same spec hash), as it was created
 * @param outdated running another revision (or one without a spec hash label), or the desired one
 *                 edited by hand: replaced
 * @param edits    for outdated tasks edited by hand, the first difference, by task id
 * @param stopped  some container is not running (an exited essential container stops the task): removed
 * @param unknown  on a host that did not answer: neither counted as running nor touched
 */
public record ServiceTasks(List<ObservedTask> current, List<ObservedTask> outdated, List<ObservedTask> stopped,
                           List<ObservedTask> unknown, Map<String, String> edits) {
    private static final Comparator<ObservedTask> BY_ID = Comparator.comparing(ObservedTask::taskId);

    public ServiceTasks {
        current = List.copyOf(current);
        outdated = List.copyOf(outdated);
        stopped = List.copyOf(stopped);
        unknown = List.copyOf(unknown);
        edits = Map.copyOf(edits);
    }

    public static ServiceTasks classify(List<ObservedTask> tasks, DesiredRevision desired, Set<String> reachableHosts) {
        List<ObservedTask> current = new ArrayList<>();
        List<ObservedTask> outdated = new ArrayList<>();
        List<ObservedTask> stopped = new ArrayList<>();
        List<ObservedTask> unknown = new ArrayList<>();
        Map<String, String> edits = new HashMap<>();
        for (ObservedTask task : tasks.stream().sorted(BY_ID).toList()) {
            if (!reachableHosts.contains(task.host())) {
                unknown.add(task);
            } else if (!task.running()) {
                stopped.add(task);
            } else if (desired.specHash().equals(task.specHash())) {
                List<String> edited = TaskEdits.of(desired.definition(), task);
                if (edited.isEmpty()) {
                    current.add(task);
                } else {
                    outdated.add(task);
                    edits.put(task.taskId(), edited.getFirst());
                }
            } else {
                outdated.add(task);
            }
        }
        return new ServiceTasks(current, outdated, stopped, unknown, edits);
    }

    public boolean none() {
        return current.isEmpty() && outdated.isEmpty() && stopped.isEmpty() && unknown.isEmpty();
    }

    public int running() {
        return current.size() + outdated.size();
    }
}
