package dev.berth.planner.planfile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.Planner;
import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.fixtures.YamlStacks;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.model.KeyValuePair;
import dev.berth.schema.model.Secret;
import dev.berth.schema.model.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedPlanTest {
    private static final Stacks.Builder BEFORE = Stacks.stack("h1", "h2").namespace("internal")
            .loadBalancer("public", 80).service("web", "web:1", 3).service("worker", "worker:1", 1);
    private static final ObservedState STATE = Observed.deployed(BEFORE.build(), Observed.host("h1", 2, 4),
            Observed.host("h2", 2, 4));

    /** A plan with every kind of content: attributes with sensitive values, rollouts, placements, deletes. */
    private static Stack desired() {
        return Stacks.stack("h1", "h2").namespace("internal").loadBalancer("public", 80)
                .taskDefinition("web", Stacks.definition("web:2", 256, 512,
                        List.of(new KeyValuePair("LOG_LEVEL", "debug")), List.of(new Secret("DB", "env:DB"))))
                .service("web", Stacks.service("web", 4)).build();
    }

    @Test
    void aSavedPlanReadsBackEqual() {
        Stack desired = desired();
        Plan plan = Planner.plan(desired, STATE);
        SavedPlan saved = SavedPlan.of(desired, STATE, plan);

        SavedPlan read = SavedPlan.fromJson(saved.toJson());

        assertEquals(saved, read);
        assertEquals(saved.toJson(), read.toJson());
        assertTrue(plan.hasChanges());
    }

    @Test
    void aStackLoadedFromYamlReadsBackEqual() {
        Stack loaded = YamlStacks.load("shop");
        SavedPlan saved = SavedPlan.of(loaded, STATE, Planner.plan(loaded, STATE));

        assertEquals(saved, SavedPlan.fromJson(saved.toJson()));
    }

    @Test
    void itIsFreshForTheSameInputsAndWhenATaskOnlyBecameHealthy() {
        SavedPlan saved = SavedPlan.of(desired(), STATE, Planner.plan(desired(), STATE));
        ObservedState healthy = Observed.mapTasks(STATE, t -> true, t -> Observed.withHealth(t, "healthy"));

        assertDoesNotThrow(() -> saved.checkFresh(desired(), STATE));
        assertDoesNotThrow(() -> saved.checkFresh(desired(), healthy));
    }

    @Test
    void itIsStaleWhenAHostGoesAway() {
        SavedPlan saved = SavedPlan.of(desired(), STATE, Planner.plan(desired(), STATE));

        StalePlanException stale = assertThrows(StalePlanException.class,
                () -> saved.checkFresh(desired(), Observed.withUnreachable(STATE, "h2")));
        assertEquals("the hosts changed since the plan was made: run berth plan again", stale.getMessage());
    }

    @Test
    void itIsStaleWhenATaskDiesOrTheStackChanges() {
        SavedPlan saved = SavedPlan.of(desired(), STATE, Planner.plan(desired(), STATE));
        String victim = STATE.tasks().get(0).taskId();
        ObservedState died = Observed.mapTasks(STATE, t -> t.taskId().equals(victim), t -> Observed.exited(t, 1));
        Stack edited = Stacks.stack("h1", "h2").service("web", "web:3", 4).build();

        StalePlanException stale = assertThrows(StalePlanException.class, () -> saved.checkFresh(edited, died));
        assertEquals("the stack and the tasks changed since the plan was made: run berth plan again",
                stale.getMessage());
    }

    @Test
    void anotherFormatVersionIsRefused() {
        String json = SavedPlan.of(desired(), STATE, Planner.plan(desired(), STATE)).toJson()
                .replace("\"formatVersion\":2", "\"formatVersion\":1");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SavedPlan.fromJson(json));
        assertEquals("plan file format 1 is not supported (this berth reads format 2): run berth plan again",
                refused.getMessage());
    }
}
