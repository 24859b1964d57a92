package dev.berth.applier.apply;

import dev.berth.applier.deploy.DeploymentTarget;
import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.deploy.ServiceDeployment;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.observe.StackObserver;
import dev.berth.planner.Planner;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.schema.model.Service;
import dev.berth.schema.model.Stack;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Puts one service back to what ran before the apply, the one way both the circuit breaker and
 * {@code --atomic} do it: the stack is rewritten so the service pins its previous revision
 * ({@code family:N}) at its previous count, or leaves the service out when the apply created it;
 * what runs now is observed again; and the planner's change for the service is deployed like any
 * other. A rollback never rolls back itself: its breaker only gives up.
 */
final class ServiceRollback {
    private final Stack stack;
    private final ObservedState before;
    private final StackObserver observer;
    private final ClusterHosts clusterHosts;
    private final ServiceDeployment deployment;

    ServiceRollback(Stack stack, ObservedState before, StackObserver observer, ClusterHosts clusterHosts,
                    ServiceDeployment deployment) {
        this.stack = stack;
        this.before = before;
        this.observer = observer;
        this.clusterHosts = clusterHosts;
        this.deployment = deployment;
    }

    /** Rolls back {@code failed} (the outcome that asks for it), saying what it went back to. */
    Outcome restore(Outcome failed) {
        String name = failed.address().name();
        Optional<PreviousService> previous = PreviousService.of(name, before);
        if (previous.isPresent() && previous.get().revision() == 0) {
            return failed.rollbackFailed(Outcome.failed(failed.address(),
                    "the tasks that ran before carry no recorded revision", 0, 0));
        }
        Stack restored = withService(name, previous);
        ObservedState now = observer.observe(restored);
        Plan plan = Planner.plan(restored, now);
        Address address = failed.address();
        // No change at all: a removed service none of whose tasks run any more.
        Optional<PlannedChange> change = plan.changes().stream()
                .filter(c -> c.address().equals(address) && c.action() != Action.noop).findFirst();
        DeploymentTargets targets = new DeploymentTargets(restored, now, clusterHosts);
        Outcome rollback = change.map(c -> deployment.deploy(c, target(c, targets)))
                .orElse(Outcome.succeeded(address, 0, 0));
        if (!rollback.ok()) {
            return failed.rollbackFailed(rollback);
        }
        return failed.rolledBack(previous.map(p -> "rolled back to " + p.label() + " (" + p.count() + " tasks)")
                .orElse("rolled back: removed the service this apply created"), rollback);
    }

    private static DeploymentTarget target(PlannedChange change, DeploymentTargets targets) {
        String name = change.address().name();
        return change.action() == Action.delete ? targets.removed(name) : targets.declared(name, false);
    }

    private Stack withService(String name, Optional<PreviousService> previous) {
        Map<String, Service> services = new HashMap<>(stack.services());
        previous.ifPresentOrElse(p -> services.put(name, pinned(services.get(name), p)), () -> services.remove(name));
        return new Stack(stack.version(), stack.stack(), stack.variables(), stack.clusters(), stack.namespaces(),
                stack.taskDefinitions(), services, stack.loadBalancers());
    }

    private static Service pinned(Service s, PreviousService previous) {
        return new Service(s.cluster(), previous.label(), previous.count(), s.launchType(), s.namespace(),
                s.deploymentConfiguration(), s.healthCheckGracePeriodSeconds(), s.placementStrategy(),
                s.placementConstraints(), s.loadBalancers(), s.autoScaling());
    }
}
