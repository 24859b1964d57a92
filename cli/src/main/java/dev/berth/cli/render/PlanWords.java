package dev.berth.cli.render;

import dev.berth.planner.plan.Plan;

/** Sentences every plan format shares, so a CI log and a PR comment say the same thing. */
final class PlanWords {
    static final String NO_CHANGES = "No changes. The hosts match the stack.";
    static final String PROBLEMS = "This plan cannot be applied:";
    static final String WARNINGS = "Warning:";

    private PlanWords() {
    }

    /** {@code Plan: 2 to create, 1 to update, 1 to replace, 0 to delete.} */
    static String summary(Plan.Summary summary) {
        return "Plan: " + summary.create() + " to create, " + summary.update() + " to update, "
                + summary.replace() + " to replace, " + summary.delete() + " to delete.";
    }
}
