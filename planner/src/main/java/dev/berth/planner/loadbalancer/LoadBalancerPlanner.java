package dev.berth.planner.loadbalancer;

import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code loadBalancer.*}: each declared load balancer runs as one container with its spec hash.
 * This version of berth validates load balancers but does not start them, so a declared one that
 * does not run is left alone with a warning rather than planned as a create that apply cannot carry
 * out: a plan must only propose what apply does, or the stack never converges.
 */
public final class LoadBalancerPlanner {
    private LoadBalancerPlanner() {
    }

    /** The load balancer changes, and the warnings about declared ones that berth does not run. */
    public record Result(List<PlannedChange> changes, List<Reason> warnings) {
    }

    public static Result plan(Stack stack, ObservedState observed) {
        Map<String, ObservedLoadBalancer> running = observed.loadBalancers().stream()
                .collect(Collectors.toMap(ObservedLoadBalancer::name, Function.identity(), (a, b) -> a, TreeMap::new));
        List<PlannedChange> changes = new ArrayList<>();
        List<Reason> warnings = new ArrayList<>();
        new TreeMap<>(stack.loadBalancers()).forEach((name, declared) -> {
            changes.add(change(new Address(Address.Kind.loadBalancer, name), declared, running.get(name)));
            if (!running.containsKey(name)) {
                warnings.add(Reason.of(ReasonCode.LOAD_BALANCER_NOT_RUN, "loadBalancer", name));
            }
        });
        running.keySet().stream().filter(name -> !stack.loadBalancers().containsKey(name)).forEach(name ->
                changes.add(change(name, Action.delete, ReasonCode.LOAD_BALANCER_UNDECLARED, running.get(name))));
        return new Result(changes, warnings);
    }

    private static PlannedChange change(Address address, LoadBalancer declared, ObservedLoadBalancer observed) {
        if (observed == null) {
            return PlannedChange.noop(address);
        }
        if (!observed.specHash().equals(LoadBalancerSpecHash.of(declared))) {
            return change(address.name(), Action.replace, ReasonCode.LOAD_BALANCER_CHANGED, observed);
        }
        if (!observed.running()) {
            return change(address.name(), Action.replace, ReasonCode.LOAD_BALANCER_STOPPED, observed);
        }
        return PlannedChange.noop(address);
    }

    private static PlannedChange change(String name, Action action, ReasonCode why, ObservedLoadBalancer observed) {
        return new PlannedChange(new Address(Address.Kind.loadBalancer, name), action, List.of(),
                List.of(Reason.of(why)), new LoadBalancerDetail(observed.cluster(), observed.host()));
    }
}
