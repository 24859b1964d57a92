package dev.berth.applier.apply;

import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.PlannedChange;

import java.util.ArrayList;
import java.util.List;

/** Load balancers the stack no longer declares, once the services behind them have drained and stopped. */
final class LoadBalancerRemoveStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        for (PlannedChange change : execution.changes(Address.Kind.loadBalancer, a -> a == Action.delete)) {
            LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
            List<String> failures = new ArrayList<>();
            for (HostRef host : detail.remove()) {
                try {
                    execution.parts().loadBalancers().remove(execution.hosts().of(host), change.address().name());
                } catch (RuntimeException e) {
                    failures.add(host.host() + ": " + EngineFailures.describe(e));
                }
            }
            execution.record(failures.isEmpty() ? Outcome.succeeded(change.address(), 0, 0)
                    : execution.fail(change.address(), "not removed from " + String.join("; ", failures)));
        }
        return true;
    }
}
