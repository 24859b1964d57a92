package dev.berth.applier.apply;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.RevisionDetail;
import java.util.List;

/**
 * The task definition revisions the plan registers, recorded on the hosts it names before their
 * tasks start. Families are independent, so their records are written at once.
 */
final class RevisionRecordStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        List<Outcome> recorded = Fanout.map(execution.changes(Address.Kind.taskDefinition,
                a -> a == Action.create || a == Action.update), change -> {
            RevisionDetail detail = (RevisionDetail) change.detail();
            try {
                execution.parts().revisions().register(execution.stack().stack(), detail,
                        execution.hosts().of(detail.hosts()));
                return Outcome.succeeded(change.address(), 0, 0);
            } catch (RuntimeException e) {
                return execution.fail(change.address(), EngineFailures.describe(e));
            }
        });
        execution.record(recorded);
        return recorded.stream().allMatch(Outcome::ok);
    }
}
