package dev.berth.planner.plan;

import java.util.List;

/**
 * The change set for one stack, ordered by address. {@code problems} are reasons the plan cannot be
 * applied (for example tasks that fit on no host); a plan with problems exits 1 before changing anything.
 * {@code warnings} do not block: they name what the plan leaves alone, such as tasks on a host
 * that did not answer.
 */
public record Plan(String stack, List<PlannedChange> changes, List<Reason> problems, List<Reason> warnings) {
    public Plan {
        changes = Lists.copy(changes);
        problems = Lists.copy(problems);
        warnings = Lists.copy(warnings);
    }

    public Summary summary() {
        return Summary.of(changes);
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != Action.noop);
    }

    /** Counts per action, for "Plan: 2 to create, 1 to update, 1 to replace, 0 to delete." */
    public record Summary(int create, int update, int replace, int delete, int noop) {
        static Summary of(List<PlannedChange> changes) {
            int[] counts = new int[Action.values().length];
            changes.forEach(c -> counts[c.action().ordinal()]++);
            return new Summary(counts[Action.create.ordinal()], counts[Action.update.ordinal()],
                    counts[Action.replace.ordinal()], counts[Action.delete.ordinal()],
                    counts[Action.noop.ordinal()]);
        }
    }
}
