package dev.berth.applier.apply;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;

/** Services the stack no longer declares: their tasks stop, once every other service has succeeded. */
final class ServiceRemoveStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        execution.record(Fanout.map(execution.changes(Address.Kind.service, a -> a == Action.delete),
                change -> execution.deployment().deploy(change, execution.target(change, execution.observed(), false))));
        return true;
    }
}
