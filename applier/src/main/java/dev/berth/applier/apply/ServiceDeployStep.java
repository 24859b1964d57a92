package dev.berth.applier.apply;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.deploy.DeploymentTarget;
import dev.berth.applier.deploy.Outcome;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The services the plan creates, updates or replaces, all at once except where the plan orders
 * them: a service starts when the deployments its detail names ({@code after}, from dependsOn)
 * have succeeded, and not at all when one did not. A service whose circuit breaker trips with
 * rollback goes back to what it ran; with {@code --atomic}, one failure sends every service this
 * apply changed back, and the apply stops before removing anything.
 */
final class ServiceDeployStep implements ApplyStep {
    @Override
    public boolean run(Execution execution) {
        List<PlannedChange> services = execution.changes(Address.Kind.service, a -> a != Action.delete);
        ServiceRollback rollback = new ServiceRollback(execution);
        // Whether each deployment succeeded, once it ended. Validation refuses cycles, and a name
        // the plan does not deploy has no entry, so no wait can block for ever.
        Map<String, CompletableFuture<Boolean>> ended = services.stream().collect(Collectors.toMap(
                c -> c.address().name(), c -> new CompletableFuture<>()));
        Set<Address> notStarted = ConcurrentHashMap.newKeySet();
        execution.record(Fanout.map(services, change -> {
            boolean ok = false;
            try {
                List<String> failed = change.service().after().stream()
                        .filter(ended::containsKey).filter(name -> !ended.get(name).join()).toList();
                if (!failed.isEmpty()) {
                    notStarted.add(change.address());
                    return execution.fail(change.address(), notDeployed(failed));
                }
                Outcome outcome = deploy(execution, rollback, change);
                ok = outcome.ok();
                return outcome;
            } finally {
                ended.get(change.address().name()).complete(ok);
            }
        }));
        if (!execution.options().atomic() || !execution.anyFailed()) {
            return true;
        }
        execution.record(Fanout.map(services, change -> notStarted.contains(change.address())
                ? execution.outcome(change.address()) : rollBackForAtomic(execution, rollback, change)));
        execution.changes(Address.Kind.service, a -> a == Action.delete).forEach(change ->
                execution.record(execution.skip(change, "not removed: --atomic rolled back the apply")));
        return false;
    }

    private static String notDeployed(List<String> failed) {
        return failed.size() == 1
                ? "not deployed: service " + failed.getFirst() + ", which it depends on, did not deploy"
                : "not deployed: services " + String.join(", ", failed) + ", which it depends on, did not deploy";
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
