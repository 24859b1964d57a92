package dev.berth.planner.drift;

import dev.berth.planner.loadbalancer.LoadBalancerPlanner;
import dev.berth.planner.network.NetworkPlanner;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.scaling.ScaledDesiredCount;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.reconcile.TaskNames;
import dev.berth.planner.verdict.StackVerdicts;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a canonical stack with what its hosts run, reading the same task verdicts and network
 * changes as the planner, so drift is found exactly where the next plan has something to do.
 * Tasks on unreachable hosts cannot be seen, so such hosts are findings of their own and the
 * services there are judged on what could be seen.
 */
public final class DriftDetector {
    private DriftDetector() {
    }

    public static DriftReport detect(Stack canonical, ObservedState observed) {
        List<DriftFinding> findings = new ArrayList<>();
        StackVerdicts verdicts = new StackVerdicts(canonical, observed);
        TaskCheck taskCheck = new TaskCheck(verdicts);
        observed.hosts().stream().filter(h -> !h.reachable()).forEach(h -> findings.add(unreachable(h)));
        for (Map.Entry<String, Service> entry : canonical.services().entrySet()) {
            Address address = new Address(Address.Kind.service, entry.getKey());
            Service service = entry.getValue();
            List<ObservedTask> tasks = observed.tasks().stream().filter(t -> entry.getKey().equals(t.service())).toList();
            checkCount(address, service, tasks, verdicts, observed, findings);
            tasks.forEach(t -> taskCheck.check(address, verdicts.desired(entry.getKey(), service), t, findings::add));
            List<String> names = TaskNames.wanted(entry.getKey(), service);
            tasks.stream().filter(t -> t.running() && TaskNames.differ(t, names)).forEach(t -> findings.add(
                    new DriftFinding(DriftKind.UNEXPECTED_SPEC, address, t.host(), t.taskId(), "task " + t.taskId()
                            + " answers to " + TaskNames.describe(TaskNames.of(t)) + " in the namespace, the service"
                            + " to " + TaskNames.describe(names))));
        }
        observed.tasks().stream()
                .filter(t -> !canonical.services().containsKey(t.service()))
                .forEach(t -> findings.add(new DriftFinding(DriftKind.EXTRA_TASK,
                        new Address(Address.Kind.service, String.valueOf(t.service())), t.host(), t.taskId(),
                        "task " + t.taskId() + " belongs to service " + t.service()
                                + ", which the stack does not declare")));
        NetworkPlanner.plan(canonical, observed).stream().filter(c -> c.action() != Action.noop)
                .forEach(c -> findings.add(network(c)));
        LoadBalancerPlanner.plan(canonical, observed).stream().filter(c -> c.action() != Action.noop)
                .forEach(c -> c.reasons().forEach(r -> findings.add(new DriftFinding(loadBalancerKind(r.code()),
                        c.address(), null, null, r.message()))));
        return new DriftReport(canonical.stack(), findings);
    }

    private static DriftFinding unreachable(ObservedHost host) {
        return new DriftFinding(DriftKind.HOST_UNREACHABLE, new Address(Address.Kind.cluster, host.cluster()),
                host.name(), null, "cannot reach " + host.endpoint() + ": " + host.error());
    }

    private static DriftFinding network(PlannedChange change) {
        DriftKind kind = change.action() == Action.delete ? DriftKind.EXTRA_NETWORK : DriftKind.NETWORK_MISSING;
        return new DriftFinding(kind, change.address(), null, null, change.reasons().getFirst().message());
    }

    private static DriftKind loadBalancerKind(ReasonCode code) {
        return switch (code) {
            case LOAD_BALANCER_CHANGED -> DriftKind.LOAD_BALANCER_CHANGED;
            case TARGETS_REGISTERED, TARGETS_DEREGISTERED -> DriftKind.TARGETS_OUT_OF_SYNC;
            case LOAD_BALANCER_MOVED, LOAD_BALANCER_UNDECLARED -> DriftKind.EXTRA_LOAD_BALANCER;
            default -> DriftKind.LOAD_BALANCER_MISSING;
        };
    }

    /** Tasks whose containers run count, as the planner counts them; stopped ones are findings of their own. */
    private static void checkCount(Address address, Service service, List<ObservedTask> tasks, StackVerdicts verdicts,
                                   ObservedState observed, List<DriftFinding> findings) {
        // The count auto scaling set is no drift: the plan keeps it too.
        int wanted = ScaledDesiredCount.of(address.name(), service, observed.scaled());
        long running = tasks.stream().filter(t -> verdicts.of(t).containersRun()).count();
        if (running < wanted) {
            findings.add(new DriftFinding(DriftKind.TASK_MISSING, address, null, null,
                    "runs " + running + " of " + wanted + " tasks" + unseen(service, observed)));
        } else if (running > wanted) {
            findings.add(new DriftFinding(DriftKind.EXTRA_TASK, address, null, null,
                    "runs " + running + " tasks, stack wants " + wanted));
        }
    }

    private static String unseen(Service service, ObservedState observed) {
        List<String> hosts = observed.hosts().stream()
                .filter(h -> !h.reachable() && h.cluster().equals(service.cluster()))
                .map(ObservedHost::name)
                .sorted()
                .toList();
        return hosts.isEmpty() ? "" : " (not counted: unreachable " + String.join(", ", hosts) + ")";
    }
}
