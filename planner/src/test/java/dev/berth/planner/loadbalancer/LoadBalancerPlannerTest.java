package dev.berth.planner.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.schema.canonical.Canonicalizer;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancerPlannerTest {
    private static final LoadBalancer PUBLIC = new LoadBalancer("main", null, List.of(),
            List.of(new LoadBalancer.Listener(8080, LoadBalancer.Listener.Protocol.http, null, null, null, List.of())),
            null, null, null, null);
    private static final Stack STACK = Canonicalizer.canonicalize(new Stack(1, "shop", Map.of(), Map.of(), Map.of(),
            Map.of(), Map.of(), Map.of("public", PUBLIC)));

    private static ObservedState running(ObservedLoadBalancer... loadBalancers) {
        return new ObservedState("shop", List.of(), List.of(), List.of(), List.of(), List.of(loadBalancers));
    }

    private static ObservedLoadBalancer container(String name, String hash, boolean running) {
        return new ObservedLoadBalancer("main", "local", name, "c1", hash, running);
    }

    @Test
    void aDeclaredLoadBalancerThatDoesNotRunIsLeftAloneWithAWarning() {
        LoadBalancerPlanner.Result result = LoadBalancerPlanner.plan(STACK, running());
        assertEquals(Action.noop, result.changes().getFirst().action());
        assertEquals(1, result.warnings().size());
    }

    @Test
    void aRunningOneFollowsItsSpecHashAndState() {
        String current = LoadBalancerSpecHash.of(STACK.loadBalancers().get("public"));
        assertEquals(Action.noop, only(running(container("public", current, true))).action());
        assertEquals(Action.replace, only(running(container("public", "sha256:old", true))).action());
        assertEquals(Action.replace, only(running(container("public", current, false))).action());
        List<PlannedChange> changes = LoadBalancerPlanner.plan(STACK, running(container("gone", current, true)))
                .changes();
        assertEquals(Action.delete, changes.stream().filter(c -> c.address().name().equals("gone")).findFirst()
                .orElseThrow().action());
    }

    private static PlannedChange only(ObservedState observed) {
        LoadBalancerPlanner.Result result = LoadBalancerPlanner.plan(STACK, observed);
        assertEquals(List.of(), result.warnings());
        return result.changes().getFirst();
    }
}
