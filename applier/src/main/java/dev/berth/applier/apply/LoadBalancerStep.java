package dev.berth.applier.apply;

import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.loadbalancer.LoadBalancerRuntime;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.PlannedChange;

import java.util.function.Function;

/**
 * The load balancers the plan creates or changes, before any service deploys: their new tasks
 * register with them, and their old ones drain through them. Containers are created where
 * missing, recreated one host at a time (the others keep serving), reconfigured in place, and the
 * targets of those that stay kept to the tasks that run; a host the stack no longer names is
 * emptied last. A load balancer that fails stops the apply before any task starts.
 */
final class LoadBalancerStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        boolean ok = true;
        for (PlannedChange change : execution.changes(Address.Kind.loadBalancer, a -> a != Action.delete)) {
            LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
            String name = change.address().name();
            LoadBalancerRuntime runtime = execution.parts().loadBalancers();
            Function<String, ClusterHost> hosts = host -> execution.hosts().of(new HostRef(detail.cluster(), host));
            try {
                for (HostRef host : detail.create()) {
                    execution.parts().lease().check();
                    runtime.create(execution.hosts().of(host), name, detail, hosts);
                }
                for (HostRef host : detail.recreate()) {
                    execution.parts().lease().check();
                    runtime.remove(execution.hosts().of(host), name);
                    runtime.create(execution.hosts().of(host), name, detail, hosts);
                }
                for (HostRef host : detail.reload()) {
                    execution.parts().lease().check();
                    runtime.reload(execution.hosts().of(host), name, detail, hosts);
                }
                detail.deregister().forEach(c -> runtime.deregister(execution.hosts().of(c.at()), name, c.target()));
                detail.register().forEach(c -> runtime.register(execution.hosts().of(c.at()), name, c.target(),
                        execution.hosts().of(c.target().host())));
                for (HostRef host : detail.remove()) {
                    runtime.remove(execution.hosts().of(host), name);
                }
                execution.record(Outcome.succeeded(change.address(), 0, 0));
            } catch (RuntimeException e) {
                execution.record(execution.fail(change.address(), EngineFailures.describe(e)));
                ok = false;
            }
        }
        return ok;
    }
}
