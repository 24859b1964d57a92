package dev.berth.cli.render;

import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.ReasonCode;

/** Sentences every plan format shares, so a CI log and a PR comment say the same thing. */
final class PlanWords {
    private static final String NO_CHANGES = "No changes. The hosts match the stack.";
    static final String PROBLEMS = "This plan cannot be applied:";
    static final String WARNINGS = "Warning:";

    private PlanWords() {
    }

    /**
     * For a plan without changes: the hosts match, unless some did not answer, whose match the
     * plan cannot know.
     */
    static String noChanges(Plan plan) {
        long away = plan.warnings().stream().filter(w -> w.code() == ReasonCode.HOST_UNREACHABLE).count();
        return away == 0 ? NO_CHANGES : "No changes on the hosts that answered; " + away
                + (away == 1 ? " host" : " hosts") + " did not answer and may differ.";
    }

    /** {@code Plan: 2 to create, 1 to update, 1 to replace, 0 to delete.} */
    static String summary(Plan.Summary summary) {
        return "Plan: " + summary.create() + " to create, " + summary.update() + " to update, "
                + summary.replace() + " to replace, " + summary.delete() + " to delete.";
    }
}
