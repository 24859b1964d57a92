package dev.berth.planner.rollback;

import static dev.berth.planner.fixtures.Observed.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.planner.Planner;
import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.revision.RunningRevision;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** berth rollback and the circuit breaker start from one rule for the revision a service runs. */
class RollbackPlannerTest {
    private static final ObservedHost[] HOSTS = {host("h1", 2, 4), host("h2", 2, 4), host("h3", 2, 4)};

    /** web deployed at revision 1, then 2, then 3: every revision recorded, the tasks on 3. */
    private static ObservedState threeRevisions() {
        ObservedState state = Observed.deployed(Stacks.stack("h1", "h2", "h3").service("web", "web:1", 3).build(), HOSTS);
        for (String image : List.of("web:2", "web:3")) {
            Stack next = Stacks.stack("h1", "h2", "h3").service("web", image, 3).build();
            state = Observed.applied(next, state, Planner.plan(next, state));
        }
        return state;
    }

    @Test
    void theRevisionAServiceRunsIsTheOneMostOfItsRunningTasksRun() {
        ObservedState state = threeRevisions();
        AtomicInteger seen = new AtomicInteger();
        ObservedState mixed = Observed.mapTasks(state, t -> seen.getAndIncrement() == 0,
                t -> new ObservedTask(t.taskId(), t.cluster(), t.host(), t.service(), t.family(), 2, t.specHash(),
                        t.containers()));

        assertEquals(new RunningRevision("web", 3, 3), RunningRevision.of("web", state.tasks()).orElseThrow());
        assertEquals(new RunningRevision("web", 3, 3), RunningRevision.of("web", mixed.tasks()).orElseThrow());
    }

    @Test
    void rollbackGoesToTheRecordedRevisionBeforeTheRunningOneAndPlansOnlyThatService() {
        Stack stack = Stacks.stack("h1", "h2", "h3").service("web", "web:3", 3).service("worker", "worker:1", 1).build();

        RollbackPlanner.Rollback rollback = RollbackPlanner.toEarlier(stack, threeRevisions(), "web", null);

        assertEquals("web:2", rollback.stack().services().get("web").taskDefinition());
        assertEquals(List.of("service.web"), rollback.plan().changes().stream().map(c -> c.address().toString()).toList());
        assertEquals(Action.replace, rollback.plan().changes().getFirst().action());
        assertEquals(2, rollback.plan().changes().getFirst().service().launch().revision());
    }

    @Test
    void thereIsNothingBeforeTheFirstRevisionNorAnUnrecordedOne() {
        Stack stack = Stacks.stack("h1", "h2", "h3").service("web", "web:1", 3).build();
        ObservedState first = Observed.deployed(stack, HOSTS);

        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> RollbackPlanner.toEarlier(stack, first, "web", null));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RollbackPlanner.toEarlier(stack, first, "web", 7));

        assertEquals("service web runs web:1, the first recorded revision; there is nothing earlier to roll back to",
                nothing.getMessage());
        assertEquals("web:7 is not a recorded revision; recorded: [web:1]", unknown.getMessage());
    }
}
