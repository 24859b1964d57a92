package dev.berth.planner;

import static dev.berth.planner.fixtures.Observed.deployed;
import static dev.berth.planner.fixtures.Observed.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Tasks on a host that does not answer: lost, kept in desiredCount unless --replace-lost, cleaned up on return. */
class LostTasksTest {
    private static final ObservedHost[] HOSTS = {host("h1", 8, 8), host("h2", 8, 8), host("h3", 8, 8)};
    private static final PlanOptions REPLACE = new PlanOptions(true);

    private static Stack stack() {
        return Stacks.stack("h1", "h2", "h3").service("web", "web:1", 6).build();
    }

    private static PlannedChange web(Plan plan) {
        Address wanted = Address.parse("service.web");
        return plan.changes().stream().filter(c -> c.address().equals(wanted)).findFirst().orElseThrow();
    }

    private static List<String> lostOnH2(ObservedState state) {
        return state.tasks().stream().filter(t -> t.host().equals("h2")).map(ObservedTask::taskId).sorted().toList();
    }

    private static Map<String, Long> perHost(ObservedState state) {
        return state.tasks().stream().filter(ObservedTask::running)
                .collect(Collectors.groupingBy(ObservedTask::host, TreeMap::new, Collectors.counting()));
    }

    @Test
    void withoutReplaceLostTheLostTasksKeepTheirSlotAndThePlanSaysWhatReplaceLostWouldDo() {
        ObservedState state = Observed.withUnreachable(deployed(stack(), HOSTS), "h2");

        Plan plan = Planner.plan(stack(), state);

        assertEquals(Action.noop, web(plan).action());
        assertEquals(List.of(), plan.problems());
        assertTrue(plan.warnings().contains(Reason.of(ReasonCode.LOST_KEPT, "service", "web", "tasks", 2,
                "hosts", List.of("h2"), "lost", lostOnH2(state))), plan.warnings().toString());
    }

    @Test
    void replaceLostStartsReplacementsOnTheOtherHosts() {
        ObservedState state = Observed.withUnreachable(deployed(stack(), HOSTS), "h2");

        Plan plan = Planner.plan(stack(), state, REPLACE);

        PlannedChange web = web(plan);
        assertEquals(Action.update, web.action());
        assertEquals(List.of("h1", "h3"), web.service().placement().starts().stream().map(ServicePlacement.TaskStart::host)
                .sorted().toList());
        assertEquals(List.of(), web.service().placement().stops());
        assertEquals(List.of(Reason.of(ReasonCode.LOST_REPLACED, "tasks", 2)), web.reasons());
        assertTrue(plan.warnings().contains(Reason.of(ReasonCode.LOST_REPLACING, "service", "web", "tasks", 2,
                "hosts", List.of("h2"), "lost", lostOnH2(state), "replacements", 2, "on", List.of("h1", "h3"))),
                plan.warnings().toString());
    }

    @Test
    void onceReplacedAPlanWithoutTheOptionStopsNothingAndWhenTheHostReturnsTheSurplusIsScaledInEvenly() {
        ObservedState lost = Observed.withUnreachable(deployed(stack(), HOSTS), "h2");
        ObservedState replaced = Observed.applied(stack(), lost, Planner.plan(stack(), lost, REPLACE));
        assertEquals(Map.of("h1", 3L, "h2", 2L, "h3", 3L), perHost(replaced));

        Plan stillAway = Planner.plan(stack(), replaced);
        assertEquals(Action.noop, web(stillAway).action());
        assertTrue(stillAway.warnings().stream().anyMatch(w -> w.code() == ReasonCode.LOST_ALREADY_REPLACED
                && w.params().get("desiredCount").equals(6)), stillAway.warnings().toString());

        ObservedState back = new ObservedState(replaced.stack(), List.of(HOSTS), replaced.tasks(),
                replaced.revisions(), replaced.networks(), replaced.loadBalancers());
        Plan cleanup = Planner.plan(stack(), back);
        assertEquals(List.of(), cleanup.problems());
        assertEquals(List.of("h1", "h3"), web(cleanup).service().placement().stops().stream()
                .map(ServicePlacement.TaskStop::host).sorted().toList());
        assertEquals(Map.of("h1", 2L, "h2", 2L, "h3", 2L), perHost(Observed.applied(stack(), back, cleanup)));
        assertEquals(Action.noop, web(Planner.plan(stack(), Observed.applied(stack(), back, cleanup))).action());
    }

    @Test
    void aReplacementThatFitsNowhereIsAWarningNotAProblem() {
        ObservedHost[] small = {host("h1", 8, 1), host("h2", 8, 1), host("h3", 8, 1)};
        Stack stack = Stacks.stack("h1", "h2", "h3").service("web", "web:1", 6).build();
        ObservedState state = Observed.withUnreachable(deployed(stack, small), "h2");

        Plan plan = Planner.plan(stack, state, REPLACE);

        assertEquals(List.of(), plan.problems());
        assertEquals(Action.noop, web(plan).action());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.code() == ReasonCode.LOST_REPLACEMENTS_UNPLACEABLE
                && w.params().get("replacements").equals(2)
                && w.message().startsWith("2 replacements of lost tasks of service web cannot be placed: h1: 0 MiB "
                + "memory free")), plan.warnings().toString());
    }
}
