package dev.berth.planner.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.berth.planner.fixtures.Observed;
import dev.berth.planner.fixtures.Stacks;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.ScaledCount;
import dev.berth.schema.model.Stack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    private static final Stack STACK = Stacks.stack("h1", "h2").namespace("internal").service("web", "web:1", 3).build();
    private static final ObservedState STATE = Observed.deployed(STACK, Observed.host("h1", 2, 4), Observed.host("h2", 2, 4));

    @Test
    void theOrderObjectsAreListedInDoesNotMatter() {
        List<ObservedTask> reversed = new ArrayList<>(STATE.tasks());
        Collections.reverse(reversed);
        ObservedState reordered = new ObservedState(STATE.stack(), STATE.hosts().reversed(), reversed,
                STATE.revisions().reversed(), STATE.networks().reversed(), STATE.loadBalancers());

        assertEquals(Fingerprints.observed(STATE), Fingerprints.observed(reordered));
    }

    @Test
    void healthTransitionsDoNotChangeTheFingerprint() {
        ObservedState healthy = Observed.mapTasks(STATE, t -> true, t -> Observed.withHealth(t, "healthy"));
        ObservedState starting = Observed.mapTasks(STATE, t -> true, t -> Observed.withHealth(t, "starting"));

        assertEquals(Fingerprints.observed(starting), Fingerprints.observed(healthy));
    }

    @Test
    void aTaskTurningUnhealthyChangesTheTasksPartAsThePlanWouldReplaceIt() {
        ObservedState healthy = Observed.mapTasks(STATE, t -> true, t -> Observed.withHealth(t, "healthy"));
        ObservedState unhealthy = Observed.mapTasks(healthy, t -> t.taskId().equals(STATE.tasks().get(0).taskId()),
                t -> Observed.withHealth(t, "unhealthy"));

        assertEquals(List.of("the tasks"), Fingerprints.observed(healthy).changedParts(Fingerprints.observed(unhealthy)));
    }

    @Test
    void aDeadTaskChangesOnlyTheTasksPart() {
        String victim = STATE.tasks().get(0).taskId();
        ObservedState died = Observed.mapTasks(STATE, t -> t.taskId().equals(victim), t -> Observed.exited(t, 1));

        assertEquals(List.of("the tasks"), Fingerprints.observed(STATE).changedParts(Fingerprints.observed(died)));
    }

    @Test
    void anUnreachableHostChangesTheHostsPart() {
        ObservedState away = Observed.withUnreachable(STATE, "h2");

        assertEquals(List.of("the hosts"), Fingerprints.observed(STATE).changedParts(Fingerprints.observed(away)));
    }

    @Test
    void aCountAutoScalingSetChangesTheScaledPartButNotWhenItWasSet() {
        ObservedState scaled = STATE.withScaled(List.of(new ScaledCount("web", 5, Instant.parse("2026-12-01T12:00:00Z"),
                true, null, null, 2)));
        assertEquals(List.of("the counts auto scaling set"),
                Fingerprints.observed(STATE).changedParts(Fingerprints.observed(scaled)));
        ObservedState again = STATE.withScaled(List.of(new ScaledCount("web", 5, Instant.parse("2026-12-01T12:09:00Z"),
                false, null, null, 7)));
        assertEquals(List.of(), Fingerprints.observed(scaled).changedParts(Fingerprints.observed(again)));
    }

    @Test
    void theDesiredFingerprintFollowsTheStack() {
        assertEquals(Fingerprints.desired(STACK), Fingerprints.desired(Stacks.stack("h1", "h2").namespace("internal")
                .service("web", "web:1", 3).build()));
        assertNotEquals(Fingerprints.desired(STACK), Fingerprints.desired(Stacks.stack("h1", "h2")
                .namespace("internal").service("web", "web:1", 4).build()));
    }
}
