package dev.berth.applier.apply;

import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.NetworkDetail;
import dev.berth.planner.plan.PlannedChange;
import java.util.ArrayList;
import java.util.List;

/** Networks of clusters and namespaces the stack no longer declares, from the hosts the plan names, last. */
final class NetworkRemoveStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        List<PlannedChange> removals = new ArrayList<>(execution.changes(Address.Kind.cluster, a -> a == Action.delete));
        removals.addAll(execution.changes(Address.Kind.namespace, a -> a == Action.delete));
        for (PlannedChange change : removals) {
            NetworkDetail detail = (NetworkDetail) change.detail();
            List<String> failures = new ArrayList<>();
            for (HostRef ref : detail.hosts()) {
                try {
                    execution.parts().networks().remove(execution.hosts().of(ref), execution.stack().stack(),
                            detail.network());
                } catch (RuntimeException e) {
                    failures.add(ref.host() + ": " + EngineFailures.describe(e));
                }
            }
            execution.record(failures.isEmpty() ? Outcome.succeeded(change.address(), 0, 0)
                    : execution.fail(change.address(), "network " + detail.network() + " not removed from "
                    + String.join("; ", failures)));
        }
        return true;
    }
}
