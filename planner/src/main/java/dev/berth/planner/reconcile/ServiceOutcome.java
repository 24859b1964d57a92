package dev.berth.planner.reconcile;

import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import java.util.List;

/** One service's change, with the problems that block it and the warnings a reviewer should read. */
public record ServiceOutcome(PlannedChange change, List<Reason> problems, List<Reason> warnings) {
    public ServiceOutcome {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }
}
