package dev.berth.applier.apply;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.deploy.Outcome;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.NetworkDetail;
import dev.berth.planner.plan.PlannedChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks the plan creates, on exactly the hosts it names, before any task needs them. A
 * host that stopped answering since the plan fails only its own part (its tasks fail as lost);
 * any other refusal stops the apply before a task starts.
 */
final class NetworkCreateStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        List<PlannedChange> creates = new ArrayList<>(execution.changes(Address.Kind.cluster, a -> a == Action.create));
        creates.addAll(execution.changes(Address.Kind.namespace, a -> a == Action.create));
        boolean ok = true;
        for (PlannedChange change : creates) {
            NetworkDetail detail = (NetworkDetail) change.detail();
            List<String> lost = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (var attempt : Fanout.attempt(detail.hosts(), (HostRef ref) -> {
                execution.parts().networks().create(execution.hosts().of(ref), execution.stack().stack(),
                        detail.network(), detail.namespace());
                return ref;
            })) {
                if (!attempt.ok()) {
                    String why = attempt.item().host() + ": " + EngineFailures.describe(attempt.failure());
                    (EngineFailures.unreachable(attempt.failure()) ? lost : refused).add(why);
                }
            }
            List<String> failures = new ArrayList<>(refused);
            failures.addAll(lost);
            execution.record(failures.isEmpty() ? Outcome.succeeded(change.address(), 0, 0)
                    : execution.fail(change.address(), "network " + detail.network() + " not created on "
                    + String.join("; ", failures)));
            ok &= refused.isEmpty();
        }
        return ok;
    }
}
