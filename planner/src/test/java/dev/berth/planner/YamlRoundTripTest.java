package dev.berth.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.YamlStacks;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stacks loaded from YAML through the real loader and canonicalizer. */
class YamlRoundTripTest {
    private static final ObservedHost[] HOSTS = {Observed.host("h1", 2, 4), Observed.host("h2", 2, 4),
            Observed.host("h3", 2, 4)};

    @Test
    void whatTheStackDeployedPlansToNothingEvenWhenRespelled() {
        ObservedState deployed = Observed.deployed(YamlStacks.load("shop"), HOSTS);

        Plan same = Planner.plan(YamlStacks.load("shop"), deployed);
        Plan respelled = Planner.plan(YamlStacks.load("shop-respelled"), deployed);

        assertEquals(List.of(), same.changes().stream().filter(c -> c.action() != Action.noop).toList());
        assertEquals(same, respelled);
        assertEquals(5, same.changes().size());
        assertEquals(List.of(), same.problems());
    }

    @Test
    void theFirstPlanCreatesTheWholeStackAndMarksSecretsSensitive() {
        Plan plan = Planner.plan(YamlStacks.load("shop"), Observed.hosts(HOSTS));

        assertTrue(plan.changes().stream().filter(c -> !c.address().toString().startsWith("loadBalancer."))
                .allMatch(c -> c.action() == Action.create));
        PlannedChange definition = plan.changes().stream()
                .filter(c -> c.address().toString().equals("taskDefinition.web")).findFirst().orElseThrow();
        assertTrue(definition.attributes().stream()
                .filter(a -> a.path().contains(".secrets."))
                .allMatch(a -> a.sensitive()));
        assertFalse(definition.attributes().stream().filter(a -> a.path().contains(".secrets.")).toList().isEmpty());
    }
}
