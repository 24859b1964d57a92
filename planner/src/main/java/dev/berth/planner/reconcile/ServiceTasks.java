package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.revision.DesiredRevision;
import dev.berth.planner.verdict.TaskVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A service's observed tasks, sorted by what the plan does with them, from each task's
 * {@link TaskVerdict} (the one drift and status read too).
 *
 * @param current   running the desired revision (same spec hash), as it was created
 * @param outdated  running another revision (or one without a spec hash label), or the desired one
 *                  edited by hand: replaced
 * @param stopped   an essential container is not running: removed before the rollout, and replaced
 * @param unhealthy an essential container reports unhealthy: replaced within the rollout, first
 * @param unknown   on a host that did not answer: neither counted as running nor touched
 * @param verdicts  by task id
 * @param renamed   ids of the outdated tasks that run the desired revision under other names in the
 *                  namespace than the service's tasks now answer to
 */
public record ServiceTasks(List<ObservedTask> current, List<ObservedTask> outdated, List<ObservedTask> stopped,
                           List<ObservedTask> unhealthy, List<ObservedTask> unknown, Map<String, TaskVerdict> verdicts,
                           Set<String> renamed) {
    private static final Comparator<ObservedTask> BY_ID = Comparator.comparing(ObservedTask::taskId);

    public ServiceTasks {
        current = List.copyOf(current);
        outdated = List.copyOf(outdated);
        stopped = List.copyOf(stopped);
        unhealthy = List.copyOf(unhealthy);
        unknown = List.copyOf(unknown);
        verdicts = Map.copyOf(verdicts);
        renamed = Set.copyOf(renamed);
    }

    /**
     * The same tasks, with the current ones that {@code misnamed} picks outdated: a task's names
     * in the namespace are fixed when it joins the network, so only a new task can have others.
     */
    public ServiceTasks withRenamed(Predicate<ObservedTask> misnamed) {
        List<ObservedTask> keep = new ArrayList<>();
        List<ObservedTask> replace = new ArrayList<>(outdated);
        Set<String> ids = new HashSet<>(renamed);
        for (ObservedTask task : current) {
            if (misnamed.test(task)) {
                replace.add(task);
                ids.add(task.taskId());
            } else {
                keep.add(task);
            }
        }
        replace.sort(BY_ID);
        return new ServiceTasks(keep, replace, stopped, unhealthy, unknown, verdicts, ids);
    }

    public static ServiceTasks classify(List<ObservedTask> tasks, String stack, DesiredRevision desired,
                                        Set<String> reachableHosts) {
        List<ObservedTask> current = new ArrayList<>();
        List<ObservedTask> outdated = new ArrayList<>();
        List<ObservedTask> stopped = new ArrayList<>();
        List<ObservedTask> unhealthy = new ArrayList<>();
        List<ObservedTask> unknown = new ArrayList<>();
        Map<String, TaskVerdict> verdicts = new HashMap<>();
        for (ObservedTask task : tasks.stream().sorted(BY_ID).toList()) {
            boolean sameSpec = desired.specHash().equals(task.specHash());
            TaskVerdict verdict = TaskVerdict.of(task, reachableHosts.contains(task.host()), stack, desired.family(),
                    sameSpec ? desired.definition() : null);
            verdicts.put(task.taskId(), verdict);
            switch (verdict.kind()) {
                case lost -> unknown.add(task);
                case stopped -> stopped.add(task);
                case unhealthy -> unhealthy.add(task);
                case edited, environmentFilesChanged -> outdated.add(task);
                case running -> (sameSpec ? current : outdated).add(task);
            }
        }
        return new ServiceTasks(current, outdated, stopped, unhealthy, unknown, verdicts, Set.of());
    }

    public boolean none() {
        return current.isEmpty() && outdated.isEmpty() && stopped.isEmpty() && unhealthy.isEmpty() && unknown.isEmpty();
    }

    public int running() {
        return current.size() + outdated.size();
    }

    /** Tasks that serve nothing: stopped or unhealthy. */
    public List<ObservedTask> failed() {
        List<ObservedTask> failed = new ArrayList<>(stopped);
        failed.addAll(unhealthy);
        return failed;
    }

    /** The first hand edit of each outdated task that was edited, by task id. */
    /** The variables (as "container: A, B") whose environment files changed, of each task replaced for that. */
    public Map<String, List<String>> environmentFileChanges() {
        Map<String, List<String>> changes = new HashMap<>();
        verdicts.forEach((id, verdict) -> {
            if (verdict.kind() == TaskVerdict.Kind.environmentFilesChanged) {
                changes.put(id, verdict.details());
            }
        });
        return changes;
    }

    public Map<String, String> edits() {
        Map<String, String> edits = new HashMap<>();
        verdicts.forEach((id, verdict) -> {
            if (verdict.kind() == TaskVerdict.Kind.edited) {
                edits.put(id, verdict.details().getFirst());
            }
        });
        return edits;
    }
}
