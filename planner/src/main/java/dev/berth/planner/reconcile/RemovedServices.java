package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.plan.ServicePlacement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Services that run on the hosts but are no longer in the stack: their tasks are stopped. Tasks
 * on unreachable hosts cannot be stopped now; a warning names them.
 */
public final class RemovedServices {
    private RemovedServices() {
    }

    /** @param tasksByService observed tasks of services the stack does not declare */
    public static List<ServiceOutcome> delete(Map<String, List<ObservedTask>> tasksByService,
                                              Set<String> reachableHosts) {
        return new TreeMap<>(tasksByService).entrySet().stream()
                .map(e -> delete(e.getKey(), e.getValue(), reachableHosts))
                .toList();
    }

    private static ServiceOutcome delete(String name, List<ObservedTask> tasks, Set<String> reachableHosts) {
        Map<Boolean, List<ObservedTask>> byReachable = tasks.stream()
                .sorted(Comparator.comparing(ObservedTask::taskId))
                .collect(Collectors.partitioningBy(t -> reachableHosts.contains(t.host())));
        List<ObservedTask> stoppable = byReachable.get(true);
        List<ServicePlacement.TaskStop> stops = stoppable.stream()
                .map(t -> new ServicePlacement.TaskStop(t.taskId(), t.host(), t.revision(),
                        Reason.of(ReasonCode.TASK_OF_REMOVED_SERVICE)))
                .toList();
        Map<String, Integer> before = new TreeMap<>();
        stoppable.stream().filter(ObservedTask::running).forEach(t -> before.merge(t.host(), 1, Integer::sum));
        List<ServicePlacement.HostCount> counts = before.entrySet().stream()
                .map(e -> new ServicePlacement.HostCount(e.getKey(), e.getValue(), 0))
                .toList();
        Reason why = stoppable.isEmpty() ? Reason.of(ReasonCode.SERVICE_REMOVED_UNREACHABLE)
                : Reason.of(ReasonCode.SERVICE_REMOVED, "tasks", stoppable.size());
        String cluster = tasks.getFirst().cluster();
        PlannedChange change = new PlannedChange(new Address(Address.Kind.service, name), Action.delete, List.of(),
                List.of(why), new ServiceDetail(cluster, null, null, null, new ServicePlacement(List.of(), stops, counts)));
        List<ObservedTask> unreachable = byReachable.get(false);
        List<Reason> warnings = unreachable.isEmpty() ? List.of()
                : List.of(Reason.of(ReasonCode.REMOVED_TASKS_UNREACHABLE, "service", name, "tasks", unreachable.size(),
                "lost", unreachable.stream().map(t -> t.taskId() + " (" + t.host() + ")").toList()));
        return new ServiceOutcome(change, List.of(), warnings);
    }
}
