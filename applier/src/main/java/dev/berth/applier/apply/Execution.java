package dev.berth.applier.apply;

import dev.berth.applier.deploy.DeploymentTarget;
import dev.berth.applier.deploy.NewTasks;
import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.deploy.ServiceDeployment;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.events.ApplyListener;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.CircuitBreaker;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.ServiceDetail;
import dev.berth.schema.model.Stack;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One run of a plan: what the steps share (the plan, the hosts its names resolve to, the parts
 * that talk to engines) and the outcome of every address so far.
 *
 * @param observed what the plan was made against (the state to roll back to)
 */
record Execution(Stack stack, ObservedState observed, Plan plan, ApplyOptions options, PlanExecutor.Parts parts,
                 PlanHosts hosts, ServiceDeployment deployment, Map<Address, Outcome> outcomes) {

    static Execution of(Stack stack, ObservedState observed, Plan plan, ApplyOptions options, PlanExecutor.Parts parts) {
        return new Execution(stack, observed, plan, options, parts, new PlanHosts(stack, parts.clusterHosts()),
                new ServiceDeployment(parts.runtime(), parts.loadBalancers(), parts.listener()), new LinkedHashMap<>());
    }

    /** The plan's changes of one kind whose action passes, noops left out. */
    List<PlannedChange> changes(Address.Kind kind, Predicate<Action> action) {
        return plan.changes().stream()
                .filter(c -> c.address().kind() == kind && c.action() != Action.noop && action.test(c.action()))
                .toList();
    }

    /**
     * What a service's deployment needs, all from its plan detail; {@code now} names the tasks a
     * replacement id must avoid.
     *
     * @param rollback whether a tripped breaker may restore the previous revision (a rollback never rolls back itself)
     */
    DeploymentTarget target(PlannedChange change, ObservedState now, boolean rollback) {
        ServiceDetail detail = change.service();
        String name = change.address().name();
        NewTasks newTasks = detail.launch() == null ? null : new NewTasks(stack.stack(), name, detail.launch(),
                now.tasks().stream().map(ObservedTask::taskId).collect(Collectors.toSet()));
        // A change that starts nothing has no breaker: nothing it does can fail a new task.
        CircuitBreaker breaker = detail.breaker() == null ? null
                : rollback ? detail.breaker() : detail.breaker().withoutRollback();
        return new DeploymentTarget(stack.stack(), hosts.of(detail.cluster()), newTasks, breaker);
    }

    synchronized void record(Outcome outcome) {
        outcomes.put(outcome.address(), outcome);
    }

    synchronized void record(List<Outcome> done) {
        done.forEach(this::record);
    }

    synchronized Outcome outcome(Address address) {
        return outcomes.get(address);
    }

    synchronized boolean anyFailed() {
        return outcomes.values().stream().anyMatch(o -> !o.ok());
    }

    Outcome fail(Address address, String reason) {
        parts.listener().on(new ApplyEvent(Instant.now(), ApplyEvent.Type.failed, address.toString(), reason, null));
        return Outcome.failed(address, reason, 0, 0);
    }

    Outcome skip(PlannedChange change, String reason) {
        parts.listener().on(new ApplyEvent(Instant.now(), ApplyEvent.Type.info, change.address().toString(), reason,
                null));
        return Outcome.skipped(change.address(), reason);
    }

    /** Tells the listener how a rollback ended. */
    void emit(Outcome outcome) {
        ApplyEvent.Type type = outcome.status() == Outcome.Status.rolledBack ? ApplyEvent.Type.rolledBack
                : ApplyEvent.Type.failed;
        parts.listener().on(new ApplyEvent(Instant.now(), type, outcome.address().toString(), outcome.reason(), null));
    }

    ApplyListener listener() {
        return parts.listener();
    }
}
