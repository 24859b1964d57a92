package dev.berth.planner.rollback;

import dev.berth.planner.Planner;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.revision.RunningRevision;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollback as a re-plan: the stack is rewritten so one service pins an earlier revision (or is
 * left out, when going back means removing it), and the planner plans that service like any
 * other. {@code berth rollback} and the circuit breaker both go back this way.
 */
public final class RollbackPlanner {
    private RollbackPlanner() {
    }

    /** The stack and the plan that takes one service to an earlier revision, changing nothing else. */
    public record Rollback(Stack stack, Plan plan) {
    }

    /**
     * {@code berth rollback}: the service goes to revision {@code to}, or to the recorded revision
     * before the one it runs ({@link RunningRevision}), at its declared count.
     *
     * @throws IllegalArgumentException why there is nothing to roll back to, in words for the user
     */
    public static Rollback toEarlier(Stack stack, ObservedState observed, String service, Integer to) {
        Service declared = stack.services().get(service);
        if (declared == null) {
            throw new IllegalArgumentException("stack " + stack.stack() + " has no service \"" + service
                    + "\"; its services: " + String.join(", ", stack.services().keySet()));
        }
        String family = declared.taskDefinitionFamily();
        List<Integer> recorded = observed.revisions().stream().filter(r -> r.family().equals(family))
                .map(RevisionRecord::revision).sorted().toList();
        int target = to != null ? to : before(service, family, observed, recorded);
        if (!recorded.contains(target)) {
            throw new IllegalArgumentException(family + ":" + target + " is not a recorded revision; recorded: "
                    + (recorded.isEmpty() ? "none" : recorded.stream().map(r -> family + ":" + r).toList()));
        }
        Stack pinned = pinned(stack, service, family + ":" + target, declared.desiredCount());
        return new Rollback(pinned, only(service, Planner.plan(pinned, observed)));
    }

    /** The stack with {@code service} pinned to {@code revision} ({@code family:N}) at {@code count} tasks. */
    public static Stack pinned(Stack stack, String service, String revision, int count) {
        Service s = stack.services().get(service);
        return withServices(stack, Map.of(service, new Service(s.cluster(), revision, count, s.launchType(),
                s.namespace(), s.deploymentConfiguration(), s.healthCheckGracePeriodSeconds(), s.placementStrategy(),
                s.placementConstraints(), s.loadBalancers(), s.autoScaling(), s.serviceConnectConfiguration(),
                s.dependsOn())), null);
    }

    /** The stack without {@code service}: planning it removes the service's tasks. */
    public static Stack without(Stack stack, String service) {
        return withServices(stack, Map.of(), service);
    }

    /** The plan's changes at the service's address only: other pending changes are apply's business. */
    public static Plan only(String service, Plan plan) {
        Address address = new Address(Address.Kind.service, service);
        return new Plan(plan.stack(), plan.changes().stream().filter(c -> c.address().equals(address)).toList(),
                plan.problems(), plan.warnings());
    }

    private static int before(String service, String family, ObservedState observed, List<Integer> recorded) {
        RunningRevision running = RunningRevision.of(service, observed.tasks()).orElseThrow(() ->
                new IllegalArgumentException("service " + service + " runs no task; use --to N to choose the revision"));
        return recorded.stream().filter(r -> r < running.revision()).reduce((a, b) -> b).orElseThrow(() ->
                new IllegalArgumentException("service " + service + " runs " + family + ":" + running.revision()
                        + ", the first recorded revision; there is nothing earlier to roll back to"));
    }

    private static Stack withServices(Stack stack, Map<String, Service> replaced, String removed) {
        Map<String, Service> services = new HashMap<>(stack.services());
        services.putAll(replaced);
        if (removed != null) {
            services.remove(removed);
        }
        return new Stack(stack.version(), stack.stack(), stack.variables(), stack.clusters(), stack.namespaces(),
                stack.taskDefinitions(), services, stack.loadBalancers());
    }
}
