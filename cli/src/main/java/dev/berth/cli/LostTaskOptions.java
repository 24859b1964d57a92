package dev.berth.cli;

import dev.berth.planner.PlanOptions;
import picocli.CommandLine.Option;

/** How plan and apply treat tasks on hosts that do not answer. */
public final class LostTaskOptions {
    @Option(names = "--replace-lost",
            description = "Tasks on hosts that do not answer stop counting toward desiredCount: start "
                    + "replacements on the other hosts where they fit (by default they keep their slot).")
    boolean replaceLost;

    PlanOptions planOptions() {
        return new PlanOptions(replaceLost);
    }
}
