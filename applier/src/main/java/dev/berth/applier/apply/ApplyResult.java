package dev.berth.applier.apply;

import dev.berth.applier.deploy.Outcome;
import java.util.List;

/**
 * How an apply ended: one outcome per address it changed, or meant to change.
 *
 * @param abort why the apply stopped before its plan was done (the lock was lost); null when it was not
 */
public record ApplyResult(List<Outcome> outcomes, String abort) {
    public ApplyResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Every change was executed as planned (skipped load balancer changes do not count against it). */
    public boolean succeeded() {
        return abort == null && outcomes.stream().allMatch(Outcome::ok);
    }

    public int started() {
        return outcomes.stream().mapToInt(Outcome::started).sum();
    }

    public int stopped() {
        return outcomes.stream().mapToInt(Outcome::stopped).sum();
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }
}
