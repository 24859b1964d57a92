package dev.berth.cli.render;

import dev.berth.planner.plan.Plan;

/** Writes a plan in one output format. */
public interface PlanRenderer {
    String render(Plan plan);
}
