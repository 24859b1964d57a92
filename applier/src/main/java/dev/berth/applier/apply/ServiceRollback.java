package dev.berth.applier.apply;

import dev.berth.applier.deploy.Outcome;
import dev.berth.planner.Planner;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.revision.RunningRevision;
import dev.berth.planner.rollback.RollbackPlanner;
import dev.berth.schema.model.Stack;
import java.util.Optional;

/**
 * Puts one service back to what ran before the apply, the one way both the circuit breaker and
 * {@code --atomic} do it: the revision it ran ({@link RunningRevision}, the rule {@code berth
 * rollback} starts from too) at the count it ran, or without the service when the apply created
 * it; what runs now is observed again, and the planner's change for the service is deployed like
 * any other. A rollback never rolls back itself: its breaker only gives up.
 */
final class ServiceRollback {
    private final Execution execution;

    ServiceRollback(Execution execution) {
        this.execution = execution;
    }

    /** Rolls back {@code failed} (the outcome that asks for it), saying what it went back to. */
    Outcome restore(Outcome failed) {
        String name = failed.address().name();
        Optional<RunningRevision> previous = RunningRevision.of(name, execution.observed().tasks());
        if (previous.isPresent() && previous.get().revision() == 0) {
            return failed.rollbackFailed(Outcome.failed(failed.address(),
                    "the tasks that ran before carry no recorded revision", 0, 0));
        }
        Stack restored = previous.map(p -> RollbackPlanner.pinned(execution.stack(), name, p.label(), p.count()))
                .orElseGet(() -> RollbackPlanner.without(execution.stack(), name));
        ObservedState now = execution.parts().observer().observe(restored);
        Address address = failed.address();
        // No change at all: a removed service none of whose tasks run any more.
        Optional<PlannedChange> change = Planner.plan(restored, now).changes().stream()
                .filter(c -> c.address().equals(address) && c.action() != Action.noop).findFirst();
        Outcome rollback = change.map(c -> execution.deployment().deploy(c, execution.target(c, now, false)))
                .orElse(Outcome.succeeded(address, 0, 0));
        if (!rollback.ok()) {
            return failed.rollbackFailed(rollback);
        }
        return failed.rolledBack(previous.map(p -> "rolled back to " + p.label() + " (" + p.count() + " tasks)")
                .orElse("rolled back: removed the service this apply created"), rollback);
    }
}
