package dev.berth.planner.drift;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Address;
import dev.berth.schema.model.AutoScaling;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a canonical stack with what its hosts run. Tasks on unreachable hosts cannot be seen,
 * so such hosts are findings of their own and the services there are judged on what could be seen.
 */
public final class DriftDetector {
    private DriftDetector() {
    }

    public static DriftReport detect(Stack canonical, ObservedState observed) {
        List<DriftFinding> findings = new ArrayList<>();
        KnownDefinitions definitions = new KnownDefinitions(canonical, observed);
        TaskCheck taskCheck = new TaskCheck(canonical.stack(), definitions);
        observed.hosts().stream().filter(h -> !h.reachable()).forEach(h -> findings.add(unreachable(h)));
        for (Map.Entry<String, Service> entry : canonical.services().entrySet()) {
            Address address = new Address(Address.Kind.service, entry.getKey());
            Service service = entry.getValue();
            List<ObservedTask> tasks = observed.tasks().stream().filter(t -> entry.getKey().equals(t.service())).toList();
            checkCount(address, service, tasks, observed, findings);
            Optional<KnownDefinitions.Desired> desired = definitions.desired(service);
            desired.ifPresent(d -> tasks.forEach(t ->
                    taskCheck.check(address, service.taskDefinitionFamily(), d, t, findings::add)));
        }
        observed.tasks().stream()
                .filter(t -> !canonical.services().containsKey(t.service()))
                .forEach(t -> findings.add(new DriftFinding(DriftKind.EXTRA_TASK,
                        new Address(Address.Kind.service, String.valueOf(t.service())), t.host(), t.taskId(),
                        "task " + t.taskId() + " belongs to service " + t.service()
                                + ", which the stack does not declare")));
        return new DriftReport(canonical.stack(), findings);
    }

    private static DriftFinding unreachable(ObservedHost host) {
        return new DriftFinding(DriftKind.HOST_UNREACHABLE, new Address(Address.Kind.cluster, host.cluster()),
                host.name(), null, "cannot reach " + host.endpoint() + ": " + host.error());
    }

    /** With auto scaling, any count between its bounds is what the scaler chose, not drift. */
    private static void checkCount(Address address, Service service, List<ObservedTask> tasks, ObservedState observed,
                                   List<DriftFinding> findings) {
        AutoScaling scaling = service.autoScaling();
        int wanted = service.desiredCount();
        int atLeast = scaling != null && scaling.minCapacity() != null ? scaling.minCapacity() : wanted;
        int atMost = scaling != null && scaling.maxCapacity() != null ? scaling.maxCapacity() : wanted;
        long running = tasks.stream().filter(ObservedTask::running).count();
        if (running < atLeast) {
            findings.add(new DriftFinding(DriftKind.TASK_MISSING, address, null, null,
                    "runs " + running + " of " + atLeast + " tasks" + unseen(service, observed)));
        } else if (running > atMost) {
            findings.add(new DriftFinding(DriftKind.EXTRA_TASK, address, null, null,
                    "runs " + running + " tasks, stack wants " + atMost));
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
