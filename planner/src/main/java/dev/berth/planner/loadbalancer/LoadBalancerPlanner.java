package dev.berth.planner.loadbalancer;

import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
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
    public record Result(List<PlannedChange> changes, List<String> warnings) {
    }

    public static Result plan(Stack stack, ObservedState observed) {
        Map<String, ObservedLoadBalancer> running = observed.loadBalancers().stream()
                .collect(Collectors.toMap(ObservedLoadBalancer::name, Function.identity(), (a, b) -> a, TreeMap::new));
        List<PlannedChange> changes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new TreeMap<>(stack.loadBalancers()).forEach((name, declared) -> {
            changes.add(change(new Address(Address.Kind.loadBalancer, name), declared, running.get(name)));
            if (!running.containsKey(name)) {
                warnings.add("load balancer \"" + name + "\" is validated but not run by this version of berth; "
                        + "its services' tasks are reachable on their published ports");
            }
        });
        running.keySet().stream().filter(name -> !stack.loadBalancers().containsKey(name)).forEach(name ->
                changes.add(new PlannedChange(new Address(Address.Kind.loadBalancer, name), Action.delete,
                        List.of(), List.of("not in the stack"), null, null)));
        return new Result(changes, warnings);
    }

    private static PlannedChange change(Address address, LoadBalancer declared, ObservedLoadBalancer observed) {
        if (observed == null) {
            return new PlannedChange(address, Action.noop, List.of(), List.of("not run by this version of berth"),
                    null, null);
        }
        if (!observed.specHash().equals(LoadBalancerSpecHash.of(declared))) {
            return new PlannedChange(address, Action.replace, List.of(), List.of("configuration changed"), null, null);
        }
        if (!observed.running()) {
            return new PlannedChange(address, Action.replace, List.of(), List.of("its container is not running"),
                    null, null);
        }
        return new PlannedChange(address, Action.noop, List.of(), List.of(), null, null);
    }
}
