package dev.berth.planner.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.planner.plan.Rollout;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    @Test
    void doubleCapacityStartsEverythingThenStopsEverything() {
        assertEquals(List.of(new Rollout.Step(3, 3)), RolloutPlanner.plan(3, 0, 3, 100, 200).steps());
    }

    @Test
    void noHeadroomStopsHalfFirst() {
        assertEquals(List.of(new Rollout.Step(0, 2), new Rollout.Step(2, 2), new Rollout.Step(2, 0)),
                RolloutPlanner.plan(4, 0, 4, 50, 100).steps());
    }

    @Test
    void scalingOutStartsTheMissingTasksAtOnce() {
        assertEquals(List.of(new Rollout.Step(2, 0)), RolloutPlanner.plan(4, 2, 0, 100, 200).steps());
    }

    @Test
    void scalingInStopsTheExtraTasks() {
        assertEquals(List.of(new Rollout.Step(0, 3)), RolloutPlanner.plan(2, 2, 3, 100, 200).steps());
    }

    @Test
    void aConfigurationWithoutRoomIsRefusedNotLooped() {
        RolloutStalledException stalled = assertThrows(RolloutStalledException.class,
                () -> RolloutPlanner.plan(3, 0, 3, 100, 100));
        assertEquals("service \"web\": minimumHealthyPercent 100 and maximumPercent 100 leave no room to replace 3 old "
                + "tasks with desiredCount 3 (at most 3 running, at least 3 healthy)", stalled.reason("web").message());
    }

    /**
     * Simulates every step as the applier runs it: running never exceeds maxRunning when a step
     * starts tasks, healthy tasks never drop below minHealthy when it stops some (new tasks count
     * only once started and healthy, which the step waits for), and the rollout ends with exactly
     * desired new tasks and no old ones.
     */
    @Test
    void everyConfigurationRespectsItsBoundsAndConverges() {
        int[] minimums = {0, 1, 25, 33, 50, 67, 75, 99, 100};
        int[] maximums = {100, 101, 110, 125, 150, 175, 200, 250};
        int checked = 0;
        for (int desired = 0; desired <= 20; desired++) {
            for (int kept = 0; kept <= desired; kept++) {
                for (int old = 0; old <= 8; old++) {
                    for (int min : minimums) {
                        for (int max : maximums) {
                            checkRollout(desired, kept, old, min, max);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 10_000);
    }

    private static void checkRollout(int desired, int kept, int old, int min, int max) {
        String scenario = "desired " + desired + ", kept " + kept + ", old " + old + ", " + min + "/" + max;
        int maxRunning = desired * max / 100;
        int minHealthy = (int) Math.ceil(desired * min / 100.0);
        Rollout rollout;
        try {
            rollout = RolloutPlanner.plan(desired, kept, old, min, max);
        } catch (RolloutStalledException e) {
            // Only without headroom between the bounds: once running reaches maxRunning it is also
            // at minHealthy, so nothing may start and nothing may stop.
            assertTrue(old > 0 && maxRunning <= minHealthy, scenario + ": " + e.getMessage());
            return;
        }
        int running = kept + old;
        int fresh = kept;
        int stale = old;
        for (Rollout.Step step : rollout.steps()) {
            assertTrue(step.start() > 0 || step.stop() > 0, scenario + ": empty step");
            running += step.start();
            fresh += step.start();
            if (step.start() > 0) {
                assertTrue(running <= maxRunning, scenario + ": " + running + " running > " + maxRunning);
            }
            if (step.stop() > 0) {
                running -= step.stop();
                stale -= step.stop();
                assertTrue(stale >= 0, scenario + ": stopped more old tasks than there were");
                assertTrue(fresh + stale >= minHealthy, scenario + ": " + (fresh + stale) + " healthy < " + minHealthy);
            }
        }
        assertEquals(desired, fresh, scenario);
        assertEquals(0, stale, scenario);
    }
}
