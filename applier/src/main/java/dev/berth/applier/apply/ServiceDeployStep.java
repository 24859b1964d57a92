package dev.berth.applier.apply;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.deploy.DeploymentTarget;
import dev.berth.applier.deploy.Outcome;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
import java.util.List;

/**
 * The services the plan creates, updates or replaces, all at once (they do not depend on each
 * other). A service whose circuit breaker trips with rollback goes back to what it ran; with
 * {@code --atomic}, one failure sends every service this apply changed back, and the apply stops
 * before removing anything.
 */
final class ServiceDeployStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        List<PlannedChange> services = execution.changes(Address.Kind.service, a -> a != Action.delete);
        ServiceRollback rollback = new ServiceRollback(execution);
        execution.record(Fanout.map(services, change -> deploy(execution, rollback, change)));
        if (!execution.options().atomic() || !execution.anyFailed()) {
            return true;
        }
        execution.record(Fanout.map(services, change -> rollBackForAtomic(execution, rollback, change)));
        execution.changes(Address.Kind.service, a -> a == Action.delete).forEach(change ->
                execution.record(execution.skip(change, "not removed: --atomic rolled back the apply")));
        return false;
    }

    private static Outcome deploy(Execution execution, ServiceRollback rollback, PlannedChange change) {
        DeploymentTarget target = execution.target(change, execution.observed(), true);
        Outcome outcome = execution.deployment().deploy(change, target);
        if (outcome.ok() || !target.breaker().rollback()) {
            return outcome;
        }
        Outcome restored = rollback.restore(outcome);
        execution.emit(restored);
        return restored;
    }

    /** Every service this apply changed goes back, except one its circuit breaker already put back. */
    private static Outcome rollBackForAtomic(Execution execution, ServiceRollback rollback, PlannedChange change) {
        Outcome outcome = execution.outcome(change.address());
        if (outcome.status() == Outcome.Status.rolledBack) {
            return outcome;
        }
        String why = outcome.ok() ? "deployed, then rolled back by --atomic because another service failed"
                : outcome.reason();
        Outcome restored = rollback.restore(new Outcome(outcome.address(), outcome.status(), why, outcome.started(),
                outcome.stopped()));
        execution.emit(restored);
        return restored;
    }
}
