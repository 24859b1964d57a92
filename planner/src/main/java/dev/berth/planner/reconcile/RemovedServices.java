package dev.berth.planner.reconcile;

import dev.berth.planner.loadbalancer.ServiceConnectProxies;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerRegistration;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
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
    /** How long a removed service's tasks drain at most from a load balancer the stack no longer declares. */
    static final int DRAIN_SECONDS = 30;

    private RemovedServices() {
    }

    /**
     * @param tasksByService observed tasks of services the stack does not declare
     * @param observed       what runs, for the load balancers that still have targets of a service
     * @param stack          for the deregistration delay of a load balancer the stack still declares
     */
    public static List<ServiceOutcome> delete(Map<String, List<ObservedTask>> tasksByService,
                                              Set<String> reachableHosts, ObservedState observed, Stack stack) {
        Map<String, LoadBalancer> balancers = ServiceConnectProxies.withDeclared(stack);
        return new TreeMap<>(tasksByService).entrySet().stream()
                .map(e -> delete(e.getKey(), e.getValue(), reachableHosts, drainFrom(e.getKey(), observed, balancers)))
                .toList();
    }

    /**
     * The load balancers whose containers have targets of the removed service: its tasks are drained
     * from them before they stop, as on a scale-in. The stack no longer says which port they registered.
     */
    /** @param balancers the load balancers and proxies the stack still has, by name */
    private static List<LoadBalancerRegistration> drainFrom(String service, ObservedState observed,
                                                            Map<String, LoadBalancer> balancers) {
        Map<String, List<HostRef>> hosts = new TreeMap<>();
        observed.loadBalancers().stream()
                .filter(lb -> lb.targets().stream().anyMatch(t -> service.equals(t.service())))
                .forEach(lb -> hosts.computeIfAbsent(lb.name(), n -> new ArrayList<>()).add(new HostRef(lb.cluster(), lb.host())));
        return hosts.entrySet().stream().map(e -> new LoadBalancerRegistration(e.getKey(), e.getValue(), null, 0, 0,
                balancers.containsKey(e.getKey())
                        ? balancers.get(e.getKey()).deregistrationDelay() : DRAIN_SECONDS)).toList();
    }

    private static ServiceOutcome delete(String name, List<ObservedTask> tasks, Set<String> reachableHosts,
                                         List<LoadBalancerRegistration> registrations) {
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
                List.of(why), new ServiceDetail(cluster, null, null, null, new ServicePlacement(List.of(), stops, counts), registrations,
                List.of()));
        List<ObservedTask> unreachable = byReachable.get(false);
        List<Reason> warnings = unreachable.isEmpty() ? List.of()
                : List.of(Reason.of(ReasonCode.REMOVED_TASKS_UNREACHABLE, "service", name, "tasks", unreachable.size(),
                "lost", unreachable.stream().map(t -> t.taskId() + " (" + t.host() + ")").toList()));
        return new ServiceOutcome(change, List.of(), warnings);
    }
}
