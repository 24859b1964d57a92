package dev.berth.cli.render;

import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.AttributeChange;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanMarkdownRendererTest {

    @Test
    void writesAMarkerHeadingTableAndOneDiffPerChange() {
        Plan plan = new Plan("shop", List.of(Samples.serviceChange("worker", Action.update,
                List.of(new AttributeChange("desiredCount", 2, 4, false)),
                List.of(Reason.of(ReasonCode.COUNT_INCREASED, "from", 2, "to", 4, "tasks", 2)), null)),
                List.of(), List.of());

        assertEquals("""
                <!-- berth-plan:shop stacks/shop -->
                ### berth plan: `shop`

                | Create | Update | Replace | Delete | Unchanged |
                |---:|---:|---:|---:|---:|
                | 0 | 1 | 0 | 0 | 0 |

                <details><summary><code>~ service.worker</code> (update)</summary>

                ```diff
                ~   service.worker
                ~       desiredCount: 2 -> 4
                        # desiredCount 2 -> 4: start 2 tasks
                ```

                </details>

                **Plan: 0 to create, 1 to update, 0 to replace, 0 to delete.**
                """, new PlanMarkdownRenderer("stacks/shop").render(plan));
    }

    @Test
    void putsCreatesAndDeletesInColumnZeroWhereTheDiffBlockColorsThem() {
        String markdown = new PlanMarkdownRenderer("stacks/shop").render(Samples.richPlan());

        assertTrue(markdown.contains("\n+   service.api\n+       desiredCount: 1\n"), markdown);
        assertTrue(markdown.contains("\n-   service.old\n"), markdown);
        assertTrue(markdown.contains("> [!CAUTION]\n> **This plan cannot be applied:**\n> - 3 tasks of service big cannot be placed"), markdown);
    }

    @Test
    void aBacktickRunInAValueCannotCloseTheFence() {
        Plan plan = new Plan("shop", List.of(Samples.serviceChange("web", Action.update,
                List.of(new AttributeChange("command", "```", "x", false)), List.of(), null)), List.of(), List.of());

        assertTrue(new PlanMarkdownRenderer("stacks/shop").render(plan).contains("````diff\n"));
    }

    @Test
    void saysSoWhenNothingChangesButKeepsTheMarker() {
        assertEquals("""
                <!-- berth-plan:shop stacks/shop -->
                ### berth plan: `shop`

                No changes. The hosts match the stack.
                """, new PlanMarkdownRenderer("stacks/shop").render(Samples.unchangedPlan()));
    }

    @Test
    void theMarkerNamesTheStackDirectoryAndVarFileSoEachEnvironmentKeepsItsOwnComment() {
        Plan plan = Samples.unchangedPlan();
        String staging = new PlanMarkdownRenderer("stacks/shop --var-file stacks/shop/vars/staging.yaml").render(plan);
        String production = new PlanMarkdownRenderer("stacks/shop --var-file stacks/shop/vars/production.yaml")
                .render(plan);

        assertEquals("<!-- berth-plan:shop stacks/shop --var-file stacks/shop/vars/staging.yaml -->",
                staging.lines().findFirst().orElseThrow());
        assertNotEquals(staging.lines().findFirst(), production.lines().findFirst());
    }

    @Test
    void aPathCannotEndTheHiddenMarkerEarly() {
        String markdown = new PlanMarkdownRenderer("stacks/a-->b").render(Samples.unchangedPlan());

        assertEquals("<!-- berth-plan:shop stacks/a--&gt;b -->", markdown.lines().findFirst().orElseThrow());
    }
}
