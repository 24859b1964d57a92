package dev.berth.cli.render;

import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.plan.Rollout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTextRendererTest {

    @Test
    void showsAScaleLikeTerraform() {
        Plan plan = new Plan("shop", List.of(Samples.serviceChange("worker", Action.update,
                List.of(new AttributeChange("desiredCount", 2, 4, false)),
                List.of(Reason.of(ReasonCode.COUNT_INCREASED, "from", 2, "to", 4, "tasks", 2)),
                new Rollout(100, 200, List.of(new Rollout.Step(2, 0))))), List.of(), List.of());

        assertEquals("""
                berth will perform the following actions on stack shop:

                  ~ service.worker
                      ~ desiredCount: 2 -> 4
                        # desiredCount 2 -> 4: start 2 tasks
                        rollout (min 100%, max 200%): start 2 new

                Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.
                """, new PlanTextRenderer(false).render(plan));
    }

    @Test
    void showsAReplacementWithTheDeploymentsItWaitsForItsBatchesAndPlacement() {
        String text = new PlanTextRenderer(false).render(Samples.richPlan());

        assertTrue(text.contains("""
                -/+ service.web
                      ~ containerDefinitions.app.image: "berth/web:1" -> "berth/web:2"
                      ~ containerDefinitions.app.secrets.TOKEN: (sensitive)
                """), text);
        assertTrue(text.contains("""
                        # after api
                        rollout (min 50%, max 100%): stop 1 old; start 1 new, then stop 1 old; start 1 new
                      + start task web-3-p0q on a (revision 3)
                      + start task web-3-z9y on host-b (revision 3)
                      - stop task web-2-abc on a (revision 2): outdated: runs web:2
                      - stop task web-2-def on host-b (revision 2): outdated: runs web:2
                        tasks per host:
                            a       1 -> 1
                            host-b  1 -> 1
                """), text);
        assertTrue(text.endsWith("\nPlan: 2 to create, 1 to update, 1 to replace, 1 to delete.\n"), text);
    }

    @Test
    void putsProblemsFirstAndLeavesUnchangedAddressesOut() {
        String text = new PlanTextRenderer(false).render(Samples.richPlan());

        assertTrue(text.startsWith("""
                Error: This plan cannot be applied:
                  ! 3 tasks of service big cannot be placed: a: 0 MiB memory free, needs 4096; host-b: 2048 MiB memory free, needs 4096
                """), text);
        assertFalse(text.contains("taskDefinition.db"), text);
    }

    @Test
    void saysSoWhenNothingChanges() {
        assertEquals("No changes. The hosts match the stack.\n", new PlanTextRenderer(false).render(Samples.unchangedPlan()));
    }

    @Test
    void colorsMarkersOnlyWhenAsked() {
        String colored = new PlanTextRenderer(true).render(Samples.richPlan());
        String plain = new PlanTextRenderer(false).render(Samples.richPlan());

        assertTrue(colored.contains("  \u001b[32m+\u001b[0m service.api"), colored);
        assertTrue(colored.contains("\u001b[35m-/+\u001b[0m service.web"), colored);
        assertTrue(colored.contains("  \u001b[31m-\u001b[0m service.old"), colored);
        assertFalse(plain.contains("\u001b"), plain);
        assertEquals(plain, colored.replaceAll("\u001b\\[[0-9;]*m", ""));
    }
}
